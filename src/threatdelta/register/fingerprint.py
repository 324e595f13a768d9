"""The fingerprint of an element's facts: what a decision was made about.

It hashes the element as the model holds it minus every position (evidence, locations,
handler spans, nested-block lines), so moving code does not change it but changing what the
code does (authentication removed, a new raw SQL call, a setting flipped) does.
"""

from __future__ import annotations

import hashlib
import json

from threatdelta.model.threat_model import ThreatModel

_POSITIONS = frozenset({"evidence", "location", "handler", "blocks"})


def _without_positions(value: object) -> object:
    if isinstance(value, dict):
        return {k: _without_positions(v) for k, v in value.items() if k not in _POSITIONS}
    if isinstance(value, list):
        return [_without_positions(v) for v in value]
    return value


def element_fingerprint(model: ThreatModel, key: str) -> str:
    """`sha256:` + 16 hex digits over the element's facts; "" when the model has no element
    with that key (then no fingerprint can be compared)."""
    element = model.element(key)
    if element is None:
        return ""
    facts = _without_positions(element.model_dump(mode="json"))
    text = json.dumps({"key": key, "facts": facts}, sort_keys=True, ensure_ascii=True)
    return "sha256:" + hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]
