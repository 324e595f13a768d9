from fastapi import APIRouter
from pydantic import BaseModel

router = APIRouter()


class Credentials(BaseModel):
    email: str
    password: str


# ruleid: TD-D001
@router.post("/login")
async def login(credentials: Credentials):
    return {"email": credentials.email}
