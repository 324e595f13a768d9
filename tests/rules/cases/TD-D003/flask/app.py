"""Log search: filter stored log lines by a pattern."""

import re

from flask import Flask, jsonify, request

app = Flask(__name__)
LINES = ["GET /index 200", "POST /login 401"]
STATUS = re.compile(r" (\d{3})$")


@app.get("/logs/search")
def search_logs():
    pattern = request.args.get("q", "")
    # ruleid: TD-D003
    matcher = re.compile(pattern)
    return jsonify([line for line in LINES if matcher.search(line)])


@app.get("/logs/contains")
def logs_containing():
    term = re.escape(request.args.get("q", ""))
    # ok: TD-D003
    matcher = re.compile(term, re.IGNORECASE)
    return jsonify([line for line in LINES if matcher.search(line)])


@app.get("/logs/errors")
def error_lines():
    # ok: TD-D003
    errors = re.compile(r" [45]\d\d$")
    return jsonify([line for line in LINES if errors.search(line)])
