"""Pipeline service: saved carts and pipeline definitions."""

import pickle

import yaml
from flask import Flask, jsonify, request

app = Flask(__name__)


@app.post("/carts/restore")
def restore_cart():
    # ruleid: TD-T003
    cart = pickle.loads(request.get_data())
    return jsonify({"items": len(cart)})


@app.post("/pipelines")
def create_pipeline():
    # ruleid: TD-T003
    spec = yaml.load(request.data, Loader=yaml.Loader)
    return jsonify({"steps": len(spec["steps"])}), 201


@app.post("/pipelines/validate")
def validate_pipeline():
    # ok: TD-T003
    spec = yaml.safe_load(request.data)
    return jsonify({"valid": "steps" in spec})
