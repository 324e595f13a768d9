from flask import Blueprint, jsonify, request

auth_bp = Blueprint("auth", __name__)


# No limiter anywhere in the repository and no app here to set one up on.
# ruleid: TD-D001
@auth_bp.post("/password-reset")
def reset_password():
    return jsonify({"queued": bool(request.get_json().get("email"))}), 202
