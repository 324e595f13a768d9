from flask import Blueprint, jsonify
from flask_login import login_required

bp = Blueprint("notes", __name__)


@bp.post("/notes")
@login_required
def create_note():
    return jsonify({"ok": True}), 201


@bp.put("/notes/<int:note_id>")
@login_required
def update_note(note_id):
    return jsonify({"ok": True})


# ruleid: TD-S001
@bp.delete("/tags/<name>")
@login_required
def delete_tag(name):
    return "", 204
