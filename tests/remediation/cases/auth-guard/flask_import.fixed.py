from flask import Blueprint

from app.auth import token_required

tags = Blueprint("tags", __name__)


# ruleid: TD-S001
@tags.post("/tags")
@token_required
def create_tag():
    return "", 201
