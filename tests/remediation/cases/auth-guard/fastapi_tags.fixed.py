from fastapi import Depends, FastAPI

from auth import get_current_user
from notes import router

app = FastAPI()
app.include_router(router)


# ruleid: TD-S001
@app.post("/tags", dependencies=[Depends(get_current_user)])
def create_tag():
    return {"ok": True}
