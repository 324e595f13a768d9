from fastapi import FastAPI, Request
from pydantic import BaseModel
from slowapi import Limiter, _rate_limit_exceeded_handler
from slowapi.errors import RateLimitExceeded
from slowapi.util import get_remote_address

from .security import issue_token

app = FastAPI()
limiter = Limiter(key_func=get_remote_address)
app.state.limiter = limiter
app.add_exception_handler(RateLimitExceeded, _rate_limit_exceeded_handler)


class Credentials(BaseModel):
    email: str
    password: str


# ruleid: TD-D001
@app.post("/auth/login")
@limiter.limit("5/minute")
def login(request: Request, credentials: Credentials):
    return {"token": issue_token(credentials.email, credentials.password)}
