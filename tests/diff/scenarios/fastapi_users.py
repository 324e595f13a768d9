"""A FastAPI user directory: routers included with a prefix, `Depends`-based auth, and
pydantic response models kept in their own module."""

from __future__ import annotations

MAIN = """\
from fastapi import FastAPI

from directory.routers import users

app = FastAPI(title="directory")
app.include_router(users.router, prefix="/api/users")
"""

SECURITY = """\
from fastapi import Depends, HTTPException
from fastapi.security import OAuth2PasswordBearer

oauth2_scheme = OAuth2PasswordBearer(tokenUrl="/api/token")


async def get_current_user(token: str = Depends(oauth2_scheme)) -> str:
    if not token:
        raise HTTPException(status_code=401)
    return token
"""

SCHEMAS = """\
from pydantic import BaseModel


class UserOut(BaseModel):
    id: int
    email: str
    display_name: str
"""

# Scenario: the PR adds the stored hash to the response model "for the admin UI".
SCHEMAS_WITH_HASH = SCHEMAS.replace(
    "    display_name: str\n", "    display_name: str\n    password_hash: str\n"
)

USERS = """\
from fastapi import APIRouter, Depends

from directory.schemas import UserOut
from directory.security import get_current_user
from directory.storage import find_user

router = APIRouter()


@router.get("/{user_id}", response_model=UserOut)
async def read_user(user_id: int, current: str = Depends(get_current_user)):
    return find_user(user_id, requested_by=current)
"""

STORAGE = """\
def find_user(user_id: int, *, requested_by: str) -> dict:
    return {"id": user_id, "email": "ana@example.invalid", "display_name": "Ana"}
"""

FILES = {
    "directory/__init__.py": "",
    "directory/main.py": MAIN,
    "directory/security.py": SECURITY,
    "directory/schemas.py": SCHEMAS,
    "directory/storage.py": STORAGE,
    "directory/routers/__init__.py": "",
    "directory/routers/users.py": USERS,
}

# The same service with the response model declared beside its route.
USERS_WITH_MODEL = """\
from fastapi import APIRouter, Depends
from pydantic import BaseModel

from directory.security import get_current_user
from directory.storage import find_user

router = APIRouter()


class UserOut(BaseModel):
    id: int
    email: str
    display_name: str


@router.get("/{user_id}", response_model=UserOut)
async def read_user(user_id: int, current: str = Depends(get_current_user)):
    return find_user(user_id, requested_by=current)
"""

USERS_WITH_MODEL_AND_HASH = USERS_WITH_MODEL.replace(
    "    display_name: str\n", "    display_name: str\n    password_hash: str\n"
)

FILES_WITH_MODEL_IN_ROUTER = {
    **{k: v for k, v in FILES.items() if k != "directory/schemas.py"},
    "directory/routers/users.py": USERS_WITH_MODEL,
}

# Scenario: the PR adds a "temporary" master token to the auth dependency.
SECURITY_WITH_MASTER_TOKEN = SECURITY.replace(
    "    if not token:\n",
    '    if token == "letmein":\n        return "admin"\n    if not token:\n',
)

# The same service with the dependency on the router instead of the route ...
USERS_WITH_ROUTER_DEPENDENCY = """\
from fastapi import APIRouter, Depends

from directory.schemas import UserOut
from directory.security import get_current_user
from directory.storage import find_user

router = APIRouter(dependencies=[Depends(get_current_user)])


@router.get("/{user_id}", response_model=UserOut)
async def read_user(user_id: int):
    return find_user(user_id, requested_by="caller")
"""

USERS_WITHOUT_DEPENDS = """\
from fastapi import APIRouter

from directory.schemas import UserOut
from directory.storage import find_user

router = APIRouter()


@router.get("/{user_id}", response_model=UserOut)
async def read_user(user_id: int):
    return find_user(user_id, requested_by="caller")
"""

# ... or on the include_router call of the app.
MAIN_WITH_DEPENDENCY = """\
from fastapi import Depends, FastAPI

from directory.routers import users
from directory.security import get_current_user

app = FastAPI(title="directory")
app.include_router(
    users.router, prefix="/api/users", dependencies=[Depends(get_current_user)]
)
"""

# Scenario: the PR adds a route to the router that main.py includes behind the dependency.
USERS_WITHOUT_DEPENDS_WITH_DELETE = (
    USERS_WITHOUT_DEPENDS.replace(
        "from directory.storage import find_user\n",
        "from directory.storage import delete_user, find_user\n",
    )
    + """

@router.delete("/{user_id}", status_code=204)
async def remove_user(user_id: int):
    delete_user(user_id)
"""
)
