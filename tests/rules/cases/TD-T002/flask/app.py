"""Document portal: reports, exports and notes on local disk."""

import os

from flask import Flask, jsonify, request, send_file, send_from_directory

app = Flask(__name__)
REPORTS_DIR = "/srv/portal/reports"
EXPORTS_DIR = "/srv/portal/exports"
NOTES_DIR = "/srv/portal/notes"
STATIC_DIR = "/srv/portal/static"


@app.get("/reports/<name>")
def download_report(name):
    # ruleid: TD-T002
    return send_file(f"{REPORTS_DIR}/{name}")


@app.get("/exports/<name>")
def download_export(name):
    # ok: TD-T002
    return send_from_directory(EXPORTS_DIR, name)


@app.post("/notes")
def save_note():
    title = request.form["title"]
    # ruleid: TD-T002
    with open(os.path.join(NOTES_DIR, title), "w", encoding="utf-8") as fh:
        fh.write(request.form["body"])
    return jsonify({"saved": title}), 201


@app.get("/terms")
def terms():
    # ok: TD-T002
    with open(os.path.join(STATIC_DIR, "terms.txt"), encoding="utf-8") as fh:
        return fh.read()
