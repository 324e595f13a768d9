"""Patient records: updates are audited, deletions are not."""

import logging

from flask import Flask, jsonify, request
from flask_login import LoginManager, current_user, login_required

app = Flask(__name__)
login_manager = LoginManager(app)
logger = logging.getLogger("records.audit")
RECORDS = {}


# ruleid: TD-R001
@app.delete("/records/<int:record_id>")
@login_required
def delete_record(record_id):
    RECORDS.pop(record_id, None)
    return "", 204


# ok: TD-R001
@app.put("/records/<int:record_id>")
@login_required
def update_record(record_id):
    RECORDS[record_id] = request.get_json()
    logger.info("record %s updated by %s", record_id, current_user.get_id())
    return jsonify({"updated": record_id})


# ok: TD-R001
@app.get("/records/<int:record_id>")
@login_required
def read_record(record_id):
    return jsonify({"record": RECORDS.get(record_id)})


# ok: TD-R001
@app.post("/login")
def login():
    return jsonify({"ok": True})
