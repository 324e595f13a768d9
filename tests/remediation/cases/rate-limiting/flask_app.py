"""Storefront: the public web shop."""

import os

import requests
from flask import Flask, jsonify, request

app = Flask(__name__)
ORDERS_URL = os.environ.get("ORDERS_URL", "http://orders:8080")


# ruleid: TD-D004
@app.post("/checkout")
def checkout():
    order = request.get_json()
    reply = requests.post(f"{ORDERS_URL}/orders", json=order, timeout=5)
    return jsonify(reply.json()), reply.status_code
