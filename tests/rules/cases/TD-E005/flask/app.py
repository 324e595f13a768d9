"""Network tools page: ping and traceroute from the server."""

import subprocess

from flask import Flask, jsonify, request

app = Flask(__name__)


@app.post("/tools/ping")
def ping():
    host = request.json["host"]
    # ruleid: TD-E005
    result = subprocess.run(f"ping -c 1 {host}", shell=True, capture_output=True, text=True)
    return jsonify({"output": result.stdout})


@app.post("/tools/traceroute")
def traceroute():
    host = request.json["host"]
    # ok: TD-E005
    result = subprocess.run(["traceroute", "--", host], capture_output=True, text=True)
    return jsonify({"output": result.stdout})
