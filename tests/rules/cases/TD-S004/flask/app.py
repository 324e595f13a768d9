"""Partner API that accepts tokens from two issuers."""

import os

import jwt
from flask import Flask, jsonify, request

app = Flask(__name__)
PARTNER_KEY = os.environ["PARTNER_JWT_KEY"]


@app.get("/partner/shipments")
def partner_shipments():
    token = request.headers.get("Authorization", "").removeprefix("Bearer ")
    # ruleid: TD-S004
    claims = jwt.decode(token, PARTNER_KEY, algorithms=["HS256", "none"])
    return jsonify({"shipments": [], "partner": claims["sub"]})


@app.get("/partner/invoices")
def partner_invoices():
    token = request.headers.get("Authorization", "").removeprefix("Bearer ")
    # ok: TD-S004
    claims = jwt.decode(token, PARTNER_KEY, algorithms=["HS256"])
    return jsonify({"invoices": [], "partner": claims["sub"]})
