from flask import Flask, jsonify

app = Flask(__name__)


@app.post("/login")
def login():
    response = jsonify({"ok": True})
    # ruleid: TD-S006
    response.set_cookie("session_token", "abc", httponly=True)
    return response
