"""Fault injection: canned error answers for matching requests, consumed in order."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

READ_ONLY_MESSAGE = "Resource not accessible by integration"
SECONDARY_MESSAGE = (
    "You have exceeded a secondary rate limit. Please wait a few minutes before you try again."
)
DOCS = "https://docs.github.com/rest"


@dataclass
class Fault:
    """Answer `status`/`body`/`headers` to the next `times` requests whose method matches and
    whose API path (without the prefix) matches `path` (a regular expression, full match).
    `times=None` means every matching request."""

    method: str
    path: str
    status: int
    body: Any = None
    headers: dict[str, str] = field(default_factory=dict)
    times: int | None = 1
    hits: int = 0

    def matches(self, method: str, path: str) -> bool:
        if self.times is not None and self.hits >= self.times:
            return False
        return (self.method in ("*", method)) and re.fullmatch(self.path, path) is not None


@dataclass
class RejectedComment:
    """A review comment GitHub refuses with 422 (e.g. a line it cannot resolve)."""

    path: str
    line: int | None


@dataclass
class FaultBook:
    faults: list[Fault] = field(default_factory=list)
    rejected_comments: list[RejectedComment] = field(default_factory=list)
    read_only: bool = False  # GraphQL mutations answer FORBIDDEN

    def take(self, method: str, path: str) -> Fault | None:
        for fault in self.faults:
            if fault.matches(method, path):
                fault.hits += 1
                return fault
        return None

    def rejects(self, comment: dict[str, Any]) -> bool:
        return any(
            r.path == comment.get("path") and r.line == comment.get("line")
            for r in self.rejected_comments
        )


def error_body(message: str, status: int) -> dict[str, Any]:
    return {"message": message, "documentation_url": DOCS, "status": str(status)}
