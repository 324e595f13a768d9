import logging

from fastapi import FastAPI

# ruleid: TD-I002
app = FastAPI(title="catalog", debug=True)
