"""Member accounts: sign-in, sign-up and password reset."""

from flask import Flask, jsonify, request
from flask_limiter import Limiter
from flask_limiter.util import get_remote_address
from flask_login import login_required, logout_user

app = Flask(__name__)
limiter = Limiter(get_remote_address, app=app)


# ruleid: TD-D001
@app.post("/login")
def login():
    user = authenticate(request.form["email"], request.form["password"])
    return jsonify({"ok": user is not None})


# ok: TD-D001
@app.post("/register")
@limiter.limit("5 per hour")
def register():
    return jsonify({"created": request.form["email"]}), 201


# ruleid: TD-D001
@app.route("/password/reset", methods=["POST"])
def reset_password():
    send_reset_mail(request.form["email"])
    return jsonify({"sent": True})


# ok: TD-D001
@app.post("/logout")
@login_required
def logout():
    logout_user()
    return jsonify({"ok": True})


def authenticate(email, password):
    return None


def send_reset_mail(email):
    return None
