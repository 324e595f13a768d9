"""Account service: login, password reset and the login page."""

import logging

from flask import Flask, jsonify, request

app = Flask(__name__)
log = logging.getLogger("accounts")
USERS = {}


# ruleid: TD-R002
@app.post("/login")
def login():
    data = request.get_json()
    ok = USERS.get(data["username"]) == data["password"]
    return jsonify({"ok": ok}), (200 if ok else 401)


# ok: TD-R002
@app.post("/password/reset")
def reset_password():
    data = request.get_json()
    log.warning("password reset requested for %s from %s", data["email"], request.remote_addr)
    return jsonify({"sent": True}), 202


# ok: TD-R002
@app.get("/login")
def login_page():
    return "<form method=post></form>"
