"""Timesheet API: credentials allowed, but only from the company's own front end."""

from fastapi import FastAPI
from fastapi.middleware.cors import CORSMiddleware

app = FastAPI(title="timesheets")
# ok: TD-I005
app.add_middleware(CORSMiddleware, allow_origins=["https://time.example.com"], allow_credentials=True)


@app.get("/timesheets/current")
def current_timesheet():
    return {"week": 42, "hours": 37.5}
