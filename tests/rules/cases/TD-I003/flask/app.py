"""Member portal: session signing and API tokens for partner integrations."""

import datetime
import os

import jwt
from flask import Flask, jsonify, request

app = Flask(__name__)
# ruleid: TD-I003
app.config["SECRET_KEY"] = "9f2c-members-portal-signing-key"
# ok: TD-I003
app.config["MAIL_PASSWORD"] = os.environ["MAIL_PASSWORD"]

# ruleid: TD-I003
PARTNER_API_SECRET = "pk-partner-7d1e44b0c2a9"
# ok: TD-I003
SMS_API_TOKEN = "changeme"


@app.post("/partner-tokens")
def issue_partner_token():
    claims = {
        "sub": request.json["partner_id"],
        "exp": datetime.datetime.now(tz=datetime.UTC) + datetime.timedelta(hours=1),
    }
    # ruleid: TD-I003
    token = jwt.encode(claims, "partner-jwt-signing-secret", algorithm="HS256")
    return jsonify({"token": token})


@app.post("/member-tokens")
def issue_member_token():
    claims = {"sub": request.json["member_id"]}
    # ok: TD-I003
    token = jwt.encode(claims, os.environ["MEMBER_JWT_KEY"], algorithm="HS256")
    return jsonify({"token": token})
