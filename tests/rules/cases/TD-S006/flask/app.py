"""Web shop front end: login and preferences."""

import secrets

from flask import Flask, jsonify, make_response, request

app = Flask(__name__)
app.config.from_object("settings")
TOKENS = {}


@app.post("/login")
def login():
    data = request.get_json()
    token = secrets.token_urlsafe(32)
    TOKENS[token] = data["username"]
    resp = make_response(jsonify({"ok": True}))
    # ruleid: TD-S006
    resp.set_cookie("remember_token", token, max_age=30 * 24 * 3600)
    # ok: TD-S006
    resp.set_cookie("theme", data.get("theme", "light"))
    return resp


@app.post("/sso/callback")
def sso_callback():
    sid = secrets.token_urlsafe(32)
    resp = make_response(jsonify({"ok": True}))
    # ok: TD-S006
    resp.set_cookie("session_id", sid, secure=True, httponly=True, samesite="Lax")
    return resp
