"""Newsletter sign-up and account sign-in."""

from flask import Flask, jsonify, request

app = Flask(__name__)
SUBSCRIBERS = set()


# ruleid: TD-D004
@app.post("/newsletter/subscriptions")
def subscribe():
    SUBSCRIBERS.add(request.form["email"])
    return jsonify({"subscribed": True}), 201


# ok: TD-D004
@app.post("/login")
def login():
    return jsonify({"ok": check(request.form["email"], request.form["password"])})


def check(email, password):
    return False
