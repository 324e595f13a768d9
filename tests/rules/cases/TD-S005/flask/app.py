"""Sign-up and login for a small forum."""

import hashlib

from flask import Flask, jsonify, request
from werkzeug.security import generate_password_hash

from accounts import hash_password, save_user

app = Flask(__name__)


@app.post("/signup")
def signup():
    data = request.get_json()
    # ok: TD-S005
    save_user(data["username"], generate_password_hash(data["password"]))
    return jsonify({"created": data["username"]}), 201


@app.post("/legacy/signup")
def legacy_signup():
    data = request.get_json()
    # ruleid: TD-S005
    digest = hashlib.sha1(data["password"].encode()).hexdigest()
    save_user(data["username"], digest)
    return jsonify({"created": data["username"]}), 201


@app.post("/import")
def import_users():
    payload = request.get_data()
    # ok: TD-S005
    etag = hashlib.md5(payload).hexdigest()
    for line in payload.decode().splitlines():
        name, secret = line.split(":", 1)
        save_user(name, hash_password(secret))
    return jsonify({"etag": etag})
