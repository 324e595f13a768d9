"""Flask service behind nginx; nothing in the code says whether headers are set."""

from flask import Flask, jsonify

# ok: TD-I008
app = Flask(__name__)


@app.get("/opening-hours")
def opening_hours():
    return jsonify({"mon": "9-17", "sat": "10-14"})
