from fastapi import FastAPI

from notes import router

app = FastAPI()
app.include_router(router)


# ruleid: TD-S001
@app.post("/tags")
def create_tag():
    return {"ok": True}
