from flask import Blueprint, jsonify
from flask_login import current_user, login_required

from models import Document

bp = Blueprint("documents", __name__)


@bp.get("/documents/<int:document_id>")
@login_required
def get_document(document_id):
    # ruleid: TD-E001
    document = Document.query.get_or_404(document_id)
    return jsonify({"title": document.title})
