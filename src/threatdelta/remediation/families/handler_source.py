"""What the rate-limiting and audit-logging families read first: the endpoint a threat is
about, and the text of the file its handler lives in when that file may be edited (not
generated, one newline style, UTF-8)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from threatdelta.model.elements import Endpoint
from threatdelta.remediation.base import FixRequest
from threatdelta.remediation.edits import EditError, FileConventions, conventions

_GENERATED = re.compile(r"@generated|DO NOT EDIT|auto-?generated", re.IGNORECASE)
_HEAD_LINES = 12  # generated-code markers sit at the top of a file


@dataclass(frozen=True)
class HandlerSource:
    """The endpoint, its handler file's text split into lines, and the span the threat names."""

    endpoint: Endpoint
    path: str
    text: str
    lines: tuple[str, ...]
    style: FileConventions
    start: int  # first line of the threat's primary evidence
    end: int

    def line(self, number: int) -> str:
        return self.lines[number - 1] if 1 <= number <= len(self.lines) else ""

    @property
    def quote(self) -> str:
        """The string quote a JavaScript or TypeScript file uses most."""
        return "'" if self.text.count("'") > self.text.count('"') else '"'


def is_generated(text: str) -> bool:
    head = "\n".join(text.splitlines()[:_HEAD_LINES])
    return bool(_GENERATED.search(head))


def handler_source(request: FixRequest) -> HandlerSource | None:
    """The threat's endpoint and handler file, or None when either is unknown or the file
    must not be edited."""
    endpoint = next((e for e in request.model.endpoints if e.key == request.threat.element), None)
    location = request.threat.evidence[0].location
    text = request.text(location.path)
    if endpoint is None or text is None or is_generated(text):
        return None
    try:
        style = conventions(text)
    except EditError:
        return None
    lines = text.split(style.newline)
    if style.trailing_newline:
        lines.pop()
    return HandlerSource(
        endpoint=endpoint,
        path=location.path,
        text=text,
        lines=tuple(lines),
        style=style,
        start=location.start_line,
        end=location.end_line,
    )
