from flask import Blueprint, abort, jsonify
from flask_login import current_user, login_required

from models import Document

bp = Blueprint("documents", __name__)


@bp.get("/documents/<int:document_id>")
@login_required
def get_document(document_id):
    # ruleid: TD-E001
    document = Document.query.get_or_404(document_id)
    if document.owner_id != current_user.id:
        abort(403)
    return jsonify({"title": document.title})
