"""Storefront sign-in."""

import os

from flask import Flask, jsonify, request

app = Flask(__name__)
SECRET = os.environ.get("SECRET", "")


# ruleid: TD-R002
@app.post("/login")
def login():
    app.logger.info("audit: %s %s", "POST", "/login")
    body = request.get_json()
    return jsonify({"user": body.get("email")})
