"""Reporting service: renders saved reports and imports CSV rows."""

import csv
import io
import logging
import traceback

from flask import Flask, jsonify, request

app = Flask(__name__)
log = logging.getLogger(__name__)

REPORTS = {1: {"title": "Q3 revenue", "rows": 12}}


@app.get("/reports/<int:report_id>")
def get_report(report_id):
    try:
        report = REPORTS[report_id]
    except KeyError as exc:
        # ruleid: TD-I001
        return jsonify({"error": str(exc)}), 404
    return jsonify(report)


@app.post("/reports/<int:report_id>/render")
def render_report(report_id):
    try:
        body = render(REPORTS[report_id])
    except Exception:
        # ruleid: TD-I001
        return jsonify({"error": "render failed", "trace": traceback.format_exc()}), 500
    return body


@app.post("/imports")
def import_rows():
    try:
        rows = list(csv.DictReader(io.StringIO(request.get_data(as_text=True))))
    except csv.Error:
        log.exception("import failed")
        # ok: TD-I001
        return jsonify({"error": "the file is not valid CSV"}), 400
    return jsonify({"imported": len(rows)})


def render(report):
    return f"<h1>{report['title']}</h1>"
