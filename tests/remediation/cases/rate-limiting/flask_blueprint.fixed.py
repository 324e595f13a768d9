from flask import Blueprint, jsonify, request

from clinic.extensions import limiter
from clinic.security import password_matches

auth_bp = Blueprint("auth", __name__)


# ruleid: TD-D001
@auth_bp.post("/login")
@limiter.limit("5 per minute")
def login():
    payload = request.get_json(force=True)
    return jsonify({"ok": password_matches(payload["email"], payload["password"])})
