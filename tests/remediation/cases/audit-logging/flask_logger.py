import logging

from flask import Flask, jsonify, request
from flask_login import current_user, login_required

app = Flask(__name__)
logger = logging.getLogger(__name__)


# ruleid: TD-R001
@app.put("/api/notes/<int:note_id>")
@login_required
def update_note(note_id):
    """Replace a note's text."""
    payload = request.get_json(force=True)
    return jsonify({"id": note_id, "text": payload["text"]})
