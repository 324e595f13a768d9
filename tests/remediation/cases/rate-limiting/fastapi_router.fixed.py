from fastapi import APIRouter, Request
from pydantic import BaseModel
from limits import limiter

router = APIRouter()


class Credentials(BaseModel):
    email: str
    password: str


# ruleid: TD-D001
@router.post("/login")
@limiter.limit("5/minute")
async def login(request: Request, credentials: Credentials):
    return {"email": credentials.email}
