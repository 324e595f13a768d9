import sqlite3

from fastapi import FastAPI

app = FastAPI()


@app.get("/items")
def list_items(sort: str):
    db = sqlite3.connect("items.db")
    # ruleid: TD-T001
    return db.execute(f"SELECT id, name FROM items ORDER BY {sort}").fetchall()
