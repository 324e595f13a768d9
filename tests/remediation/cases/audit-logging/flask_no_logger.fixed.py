"""Storefront sign-in."""

import logging
import os

from flask import Flask, jsonify, request

logger = logging.getLogger(__name__)

app = Flask(__name__)
SECRET = os.environ.get("SECRET", "")


# ruleid: TD-R002
@app.post("/login")
def login():
    logger.info("audit: %s %s", "POST", "/login")
    body = request.get_json()
    return jsonify({"user": body.get("email")})
