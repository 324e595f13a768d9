"""CVSS 3.1 base scores through the `cvss` package, and stable threat fingerprints."""

from __future__ import annotations

import hashlib
from functools import lru_cache

from cvss import CVSS3

from threatdelta.findings.threat import Severity


@lru_cache(maxsize=256)
def cvss_score(vector: str) -> tuple[float, Severity]:
    """Base score and severity of a CVSS 3.1 vector; raises ValueError for a bad vector."""
    try:
        base = float(CVSS3(vector).scores()[0])
    except Exception as exc:  # the cvss package raises its own exception types
        raise ValueError(f"invalid CVSS 3.1 vector {vector!r}: {exc}") from exc
    return base, Severity.from_score(base)


def fingerprint(rule_id: str, element_key: str, qualifier: str = "") -> str:
    """Short, stable threat id from rule id + element key (+ semantic qualifier). Never lines."""
    text = "\x1f".join((rule_id, element_key, qualifier))
    return "th-" + hashlib.sha256(text.encode("utf-8")).hexdigest()[:12]
