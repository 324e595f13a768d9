from flask import Blueprint

tags = Blueprint("tags", __name__)


# ruleid: TD-S001
@tags.post("/tags")
def create_tag():
    return "", 201
