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
        logger.exception("request failed")
        return jsonify({"error": "payment failed"}), 502
    return jsonify({"status": "paid"})
