"""Token service for the CLI: OAuth2 password flow."""

from fastapi import FastAPI, Request
from fastapi.security import OAuth2PasswordRequestForm
from slowapi import Limiter
from slowapi.util import get_remote_address

limiter = Limiter(key_func=get_remote_address)
app = FastAPI(title="tokens")
app.state.limiter = limiter


# ok: TD-D001
@app.post("/token")
@limiter.limit("10/minute")
def issue_token(request: Request, form: OAuth2PasswordRequestForm):
    return {"access_token": "t", "token_type": "bearer"}


# ruleid: TD-D001
@app.post("/token/refresh")
def refresh_token(refresh_token: str):
    return {"access_token": "t", "token_type": "bearer"}
