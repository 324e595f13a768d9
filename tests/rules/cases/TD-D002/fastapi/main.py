"""Audit trail service."""

from fastapi import FastAPI
from pydantic import BaseModel

app = FastAPI(title="audit")


class Event(BaseModel):
    id: int
    actor: str
    action: str


# ruleid: TD-D002
@app.get("/events", response_model=list[Event])
def list_events():
    return all_events()


# ok: TD-D002
@app.get("/events/recent", response_model=list[Event])
def recent_events(limit: int = 50, offset: int = 0):
    return all_events()[offset : offset + min(limit, 200)]


def all_events():
    return []
