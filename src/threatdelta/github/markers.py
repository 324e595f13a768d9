"""Hidden markers: how threatdelta recognises its own comments on a pull request.

Every inline comment ends in `<!-- threatdelta:v1 id=<threat id> -->`, the summary comment
in `<!-- threatdelta:v1 summary -->`, our reviews' bodies in `<!-- threatdelta:v1 review -->`,
and a comment edited to say its threat is resolved also carries
`<!-- threatdelta:v1 resolved -->`. A marker counts only in a comment written by us
(`is_ours`): a marker pasted by someone else never makes us skip or edit anything.

Threat ids are ours (`th-` + hex), but anything outside a conservative alphabet is hashed,
so a marker can never close the HTML comment early.
"""

from __future__ import annotations

import hashlib
import re
from typing import Protocol

_PREFIX = "<!-- threatdelta:v1"
SUMMARY_MARKER = f"{_PREFIX} summary -->"
REVIEW_MARKER = f"{_PREFIX} review -->"
RESOLVED_MARKER = f"{_PREFIX} resolved -->"
_SAFE_ID = re.compile(r"[A-Za-z0-9._:-]{1,100}")
_THREAT = re.compile(r"<!-- threatdelta:v1 id=([A-Za-z0-9._:-]{1,100}) -->")


def marker_id(threat_id: str) -> str:
    """The id as written in a marker: itself when safe, else a hash of it."""
    if _SAFE_ID.fullmatch(threat_id):
        return threat_id
    return "h-" + hashlib.sha256(threat_id.encode("utf-8")).hexdigest()[:16]


def threat_marker(threat_id: str) -> str:
    return f"{_PREFIX} id={marker_id(threat_id)} -->"


def marked_threat(body: str | None) -> str | None:
    """The marker id of the threat a comment body is about, or None."""
    found = _THREAT.search(body or "")
    return found.group(1) if found else None


def is_summary(body: str | None) -> bool:
    return SUMMARY_MARKER in (body or "")


def is_our_review(body: str | None) -> bool:
    return REVIEW_MARKER in (body or "")


def is_resolved(body: str | None) -> bool:
    return RESOLVED_MARKER in (body or "")


def is_ours(author_login: str | None, author_type: str | None, viewer: str | None) -> bool:
    # A deleted account's comments have no author (None, None): never ours.
    """Written by the token's identity: a bot (the workflow token acts as
    `github-actions[bot]`, an app as `<slug>[bot]`), or the token's user when GitHub told us
    who that is (a personal token)."""
    if author_type == "Bot":
        return True
    return viewer is not None and author_login == viewer


class _Author(Protocol):
    @property
    def login(self) -> str: ...

    @property
    def type(self) -> str: ...


def written_by_us(author: _Author | None, viewer: str | None) -> bool:
    """`is_ours` for a PyGithub user, which is None for a deleted account."""
    if author is None:
        return False
    return is_ours(author.login, author.type, viewer)
