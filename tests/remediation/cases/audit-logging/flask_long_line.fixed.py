import logging

from flask import Blueprint, jsonify, request
from flask_login import current_user, login_required

billing_bp = Blueprint("billing", __name__)
logger = logging.getLogger(__name__)


# ruleid: TD-R001
@billing_bp.put("/api/v1/organisations/<int:organisation_id>/billing-rules/<int:rule_id>")
@login_required
def update_billing_rule(organisation_id, rule_id):
    logger.info(
        "audit: %s %s by %s",
        "PUT",
        "/api/v1/organisations/{organisation_id}/billing-rules/{rule_id}",
        current_user.get_id(),
    )
    # the rule is validated by the model
    payload = request.get_json(force=True)
    return jsonify({"id": rule_id, "formula": payload["formula"]})
