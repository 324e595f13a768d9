from flask import Blueprint, jsonify

from app.auth import token_required

bp = Blueprint("notes", __name__)


@bp.post("/notes")
@token_required
def create_note():
    return jsonify({"ok": True}), 201


@bp.delete("/notes/<int:note_id>")
@token_required
def delete_note(note_id):
    return "", 204
