"""The words threat-model formats use for STRIDE categories, threat states, severities,
protocols and zones, read into ours. Shared by the Threat Dragon, OTM and Threagile readers."""

from __future__ import annotations

from threatdelta.model.base import Evidence, Location, Tri
from threatdelta.model.elements import BoundaryKind
from threatdelta.model.imported import STRIDE_LETTERS, ThreatStatus

_STRIDE_NAMES = {
    "spoofing": "S",
    "tampering": "T",
    "repudiation": "R",
    "informationdisclosure": "I",
    "infodisclosure": "I",
    "denialofservice": "D",
    "elevationofprivilege": "E",
}
_STATUS = {
    "mitigated": ThreatStatus.MITIGATED,
    "implemented": ThreatStatus.MITIGATED,
    "resolved": ThreatStatus.MITIGATED,
    "na": ThreatStatus.NOT_APPLICABLE,
    "notapplicable": ThreatStatus.NOT_APPLICABLE,
    "falsepositive": ThreatStatus.NOT_APPLICABLE,
    "accepted": ThreatStatus.ACCEPTED,
}
_SEVERITIES = frozenset({"critical", "high", "medium", "low", "info"})
_ENCRYPTED = frozenset(
    {"https", "wss", "tls", "ssh", "sftp", "ftps", "ldaps", "smtps", "imaps", "grpcs", "mtls"}
)
_PLAIN = frozenset({"http", "ws", "ftp", "telnet", "ldap", "smtp", "imap", "tcp", "udp"})
_STORE_WORDS = (
    "store",
    "database",
    "db",
    "sql",
    "s3",
    "bucket",
    "storage",
    "cache",
    "redis",
    "queue",
    "file",
    "table",
    "dynamo",
    "mongo",
    "vault",
)
_ACTOR_WORDS = ("client", "user", "browser", "actor", "external", "mobile", "android", "ios")


def _squash(text: str) -> str:
    return "".join(ch for ch in text.lower() if ch.isalnum())


def stride_letters(text: str) -> tuple[str, ...]:
    """`Information disclosure`, `INFORMATION_DISCLOSURE`, `I` -> `("I",)`; unknown -> ()."""
    word = _squash(text)
    if word in _STRIDE_NAMES:
        return (_STRIDE_NAMES[word],)
    letter = text.strip().upper()
    return (letter,) if len(letter) == 1 and letter in STRIDE_LETTERS else ()


def status_of(text: str) -> ThreatStatus:
    """A source's threat state as ours; anything not closed (exposed, unchecked, in
    progress, partly mitigated, unknown words) stays open."""
    return _STATUS.get(_squash(text), ThreatStatus.OPEN)


def severity_of(text: str) -> str:
    word = text.strip().lower()
    return word if word in _SEVERITIES else ""


def protocol_encryption(protocol: str) -> Tri:
    """TLS on the wire as the protocol name says (`https` yes, `http` no, `jdbc` unknown)."""
    word = protocol.strip().lower()
    if word in _ENCRYPTED or word.endswith("-encrypted"):
        return Tri.YES
    return Tri.NO if word in _PLAIN else Tri.UNKNOWN


def flag(value: object) -> Tri:
    """A boolean field as a tri-state fact: absent or not a boolean is unknown."""
    if isinstance(value, bool):
        return Tri.YES if value else Tri.NO
    return Tri.UNKNOWN


def boundary_kind(*words: str) -> BoundaryKind:
    """Our kind of a zone from its declared kind or name; otherwise a network."""
    for word in words:
        squashed = _squash(word)
        for kind in BoundaryKind:
            if squashed == kind.value:
                return kind
        if "internet" in squashed or "public" in squashed:
            return BoundaryKind.INTERNET
    return BoundaryKind.NETWORK


def looks_like_store(text: str) -> bool:
    words = text.lower().replace("_", "-").split("-")
    return any(w.startswith(s) for w in words for s in _STORE_WORDS)


def looks_like_actor(text: str) -> bool:
    lowered = text.lower()
    return any(word in lowered for word in _ACTOR_WORDS)


def evidence_at(path: str, span: tuple[int, int]) -> tuple[Evidence, ...]:
    return (Evidence(location=Location(path=path, start_line=span[0], end_line=span[1])),)
