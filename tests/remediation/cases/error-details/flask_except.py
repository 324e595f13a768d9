import logging

from flask import Flask, jsonify

app = Flask(__name__)
logger = logging.getLogger(__name__)


@app.post("/pay")
def pay():
    try:
        charge()
    except RuntimeError as exc:
        # ruleid: TD-I001
        return jsonify({"error": "payment failed", "detail": str(exc)}), 502
    return jsonify({"status": "paid"})
