from fastapi import FastAPI
from pydantic import BaseModel

from .security import issue_token

app = FastAPI()


class Credentials(BaseModel):
    email: str
    password: str


# ruleid: TD-D001
@app.post("/auth/login")
def login(credentials: Credentials):
    return {"token": issue_token(credentials.email, credentials.password)}
