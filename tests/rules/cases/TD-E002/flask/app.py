"""Link previews for a chat app, and a status page fed from a fixed upstream."""

import requests
from flask import Flask, jsonify, request

app = Flask(__name__)
STATUS_URL = "https://status.example.com/api/v2/summary.json"


@app.post("/previews")
def link_preview():
    target = request.json["url"]
    # ruleid: TD-E002
    page = requests.get(target, timeout=5)
    return jsonify({"title": page.text[:80]})


@app.get("/upstream-status")
def upstream_status():
    # ok: TD-E002
    summary = requests.get(STATUS_URL, timeout=5)
    return jsonify(summary.json())
