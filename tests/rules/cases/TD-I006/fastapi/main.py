"""User directory: the admin view leaks the stored password hash."""

from datetime import datetime

from fastapi import Depends, FastAPI
from pydantic import BaseModel

from .auth import current_user

app = FastAPI(title="directory")


class UserRecord(BaseModel):
    id: int
    email: str
    password_hash: str
    created_at: datetime


class Profile(BaseModel):
    id: int
    display_name: str
    password_changed_at: datetime
    has_password: bool


class TokenPair(BaseModel):
    access_token: str
    refresh_token: str
    token_type: str


# ruleid: TD-I006
@app.get("/users/{user_id}", response_model=UserRecord)
def get_user(user_id: int, user=Depends(current_user)):
    return load_user(user_id)


# ok: TD-I006
@app.get("/me", response_model=Profile)
def get_me(user=Depends(current_user)):
    return user


# ok: TD-I006
@app.post("/auth/token", response_model=TokenPair)
def issue_token(username: str, password: str):
    return create_tokens(username, password)


def load_user(user_id):
    raise NotImplementedError


def create_tokens(username, password):
    raise NotImplementedError
