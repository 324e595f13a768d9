import logging
import os

from fastapi import FastAPI

# ruleid: TD-I002
app = FastAPI(title="catalog", debug=os.environ.get("APP_DEBUG") == "1")
