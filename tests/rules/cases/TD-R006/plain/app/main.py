from fastapi import FastAPI
from sqlalchemy import Column, Integer, String
from sqlalchemy.orm import DeclarativeBase

app = FastAPI()


class Base(DeclarativeBase):
    pass


class Patient(Base):
    __tablename__ = "patients"
    id = Column(Integer, primary_key=True)
    email = Column(String)
    diagnosis = Column(String)


@app.get("/health")
def health():
    return {"ok": True}
