"""Order service that reads the caller from a bearer token."""

import os

import jwt
from flask import Flask, jsonify, request

from tokens import claims_of

app = Flask(__name__)
SIGNING_KEY = os.environ["JWT_SIGNING_KEY"]
ORDERS = {"u1": [{"id": 1, "total": 12.5}]}


@app.get("/orders")
def list_orders():
    token = request.headers.get("Authorization", "").removeprefix("Bearer ")
    # ruleid: TD-S003
    claims = jwt.decode(token, options={"verify_signature": False})
    return jsonify({"orders": ORDERS.get(claims["sub"], [])})


@app.get("/invoices")
def list_invoices():
    token = request.headers.get("Authorization", "").removeprefix("Bearer ")
    # ok: TD-S003
    claims = jwt.decode(token, SIGNING_KEY, algorithms=["HS256"], audience="shop")
    return jsonify({"invoices": [], "owner": claims["sub"]})


@app.get("/returns")
def list_returns():
    claims = claims_of(request.headers.get("Authorization", ""))
    return jsonify({"returns": [], "owner": claims["sub"]})
