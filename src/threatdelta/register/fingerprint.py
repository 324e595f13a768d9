"""The fingerprint of an element's facts: what a decision was made about.

It hashes the element as the model holds it minus every position (evidence, locations,
handler spans, nested-block lines), so moving code does not change it but changing what the
code does (authentication removed, a new raw SQL call, a setting flipped) does.
"""

from __future__ import annotations

import hashlib
import json

from threatdelta.model.elements import Element
from threatdelta.model.threat_model import ThreatModel

_POSITIONS = frozenset({"evidence", "location", "handler", "blocks"})


def _without_positions(value: object) -> object:
    if isinstance(value, dict):
        return {k: _without_positions(v) for k, v in value.items() if k not in _POSITIONS}
    if isinstance(value, list):
        return [_without_positions(v) for v in value]
    return value


def fingerprint_of(element: Element) -> str:
    """`sha256:` + 16 hex digits over the element's facts, positions left out."""
    facts = _without_positions(element.model_dump(mode="json"))
    text = json.dumps({"key": element.key, "facts": facts}, sort_keys=True, ensure_ascii=True)
    return "sha256:" + hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def element_fingerprint(model: ThreatModel, key: str) -> str:
    """The fingerprint of the model's element `key`; "" when the model has no such element
    (then no fingerprint can be compared)."""
    element = model.element(key)
    return "" if element is None else fingerprint_of(element)


class Fingerprints:
    """The fingerprints of one model's elements, each computed once, on demand."""

    def __init__(self, model: ThreatModel) -> None:
        self._model = model
        self._elements: dict[str, Element] | None = None
        self._done: dict[str, str] = {}

    def of(self, key: str) -> str:
        if key not in self._done:
            if self._elements is None:
                self._elements = {e.key: e for e in self._model.elements()}
            element = self._elements.get(key)
            self._done[key] = "" if element is None else fingerprint_of(element)
        return self._done[key]
