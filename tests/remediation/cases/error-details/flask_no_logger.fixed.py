import logging

from flask import Flask, jsonify

app = Flask(__name__)


@app.get("/report")
def report():
    try:
        return jsonify(build_report())
    except ValueError as e:
        # ruleid: TD-I001
        logging.getLogger(__name__).exception("request failed")
        return jsonify({"error": "request failed"}), 500
