import logging

from fastapi import FastAPI
from fastapi.middleware.cors import CORSMiddleware

app = FastAPI()
# ruleid: TD-I005
app.add_middleware(CORSMiddleware, allow_origins=["*"], allow_credentials=True)
