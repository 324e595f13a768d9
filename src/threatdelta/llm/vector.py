"""The CVSS 3.1 vector of an LLM threat, derived from data we trust, never from the model's
severity word.

Mapping (documented in the README):

- AV:N, AC:L, UI:N, S:U: the analyst reviews network-facing application code.
- PR: `N` when the element is an endpoint whose authentication fact is `no` (seen, absent),
  `L` otherwise (authenticated, unknown, or not an endpoint).
- C / I / A from the STRIDE letters the answer gives (the highest wins per metric):
  S -> C:L I:L; T -> I:H; R -> I:L; I -> C:H; D -> A:H; E -> C:H I:H.
- A CWE the analyst names refines nothing on its own: the `cvss` package scores the vector,
  and the CWE is reported as given.

So an unauthenticated information disclosure scores 7.5 (high), a privilege escalation
behind a login 8.1 (high), a repudiation gap 4.3 (medium).
"""

from __future__ import annotations

from collections.abc import Iterable

from threatdelta.findings.threat import Stride
from threatdelta.model.base import Tri
from threatdelta.model.elements import Element, Endpoint

_LEVELS = ("N", "L", "H")
_IMPACT: dict[Stride, dict[str, str]] = {
    Stride.SPOOFING: {"C": "L", "I": "L"},
    Stride.TAMPERING: {"I": "H"},
    Stride.REPUDIATION: {"I": "L"},
    Stride.INFORMATION_DISCLOSURE: {"C": "H"},
    Stride.DENIAL_OF_SERVICE: {"A": "H"},
    Stride.ELEVATION_OF_PRIVILEGE: {"C": "H", "I": "H"},
}


def _privileges(element: Element) -> str:
    if isinstance(element, Endpoint) and element.authentication is Tri.NO:
        return "N"
    return "L"


def llm_vector(stride: Iterable[Stride], element: Element) -> str:
    """The CVSS 3.1 base vector of an LLM threat on `element`."""
    impact = {"C": "N", "I": "N", "A": "N"}
    for letter in stride:
        for metric, level in _IMPACT[letter].items():
            if _LEVELS.index(level) > _LEVELS.index(impact[metric]):
                impact[metric] = level
    return (
        f"CVSS:3.1/AV:N/AC:L/PR:{_privileges(element)}/UI:N/S:U/"
        f"C:{impact['C']}/I:{impact['I']}/A:{impact['A']}"
    )
