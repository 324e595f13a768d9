"""Scripted replies of the fake Messages API, in the real wire format.

A `Reply` is one HTTP answer: a message (200) or an error (429, 529, 500, ...). The token
counts of a message are invented by the fake (characters / 4 of what was sent), never a
measurement of a real model.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from typing import Any

ERROR_TYPES = {
    400: "invalid_request_error",
    401: "authentication_error",
    429: "rate_limit_error",
    500: "api_error",
    529: "overloaded_error",
}


@dataclass(frozen=True)
class Reply:
    status: int
    body: Any
    headers: dict[str, str] = field(default_factory=dict)
    delay_s: float = 0.0  # wait this long before answering (client timeouts)


def message(
    text: str | None = None,
    *,
    stop_reason: str = "end_turn",
    content: list[dict[str, Any]] | None = None,
    stop_details: dict[str, Any] | None = None,
) -> Reply:
    """A 200 message; `text` becomes one text block. Usage is filled in by the server."""
    blocks = content if content is not None else [{"type": "text", "text": text or ""}]
    body = {
        "type": "message",
        "role": "assistant",
        "content": blocks,
        "stop_reason": stop_reason,
        "stop_sequence": None,
        "stop_details": stop_details,
    }
    return Reply(status=200, body=body)


def answer(threats: list[dict[str, Any]]) -> Reply:
    """A structured answer (the JSON text of `{"threats": [...]}`)."""
    return message(json.dumps({"threats": threats}))


def no_issues() -> Reply:
    return answer([])


def slow(reply: Reply, seconds: float) -> Reply:
    """`reply`, sent only after `seconds` (longer than the client's timeout)."""
    return Reply(status=reply.status, body=reply.body, headers=reply.headers, delay_s=seconds)


def refusal() -> Reply:
    return message(
        "",
        stop_reason="refusal",
        stop_details={"type": "refusal", "category": "cyber", "explanation": None},
    )


def max_tokens(partial: str = '{"threats": [{"element": "endpo') -> Reply:
    return message(partial, stop_reason="max_tokens")


def error(status: int, message_text: str = "scripted fault", retry_after_ms: int = 10) -> Reply:
    """An API error body with the status's error type, and a short `retry-after-ms`."""
    body = {
        "type": "error",
        "error": {"type": ERROR_TYPES.get(status, "api_error"), "message": message_text},
        "request_id": "req_fake_error",
    }
    headers = {"retry-after-ms": str(retry_after_ms), "retry-after": "0"}
    return Reply(status=status, body=body, headers=headers)


def threat(
    element: str,
    path: str,
    start: int,
    end: int,
    quote: str,
    *,
    stride: tuple[str, ...] = ("E",),
    title: str = "Any signed-in user can approve their own refund",
    cwe: int = 285,
    patch: str | None = None,
) -> dict[str, Any]:
    """One threat of a structured answer."""
    return {
        "element": element,
        "stride": list(stride),
        "title": title,
        "attack_vector": "A signed-in customer calls the endpoint with their own order id.",
        "impact": "Money is paid out without a second person's approval.",
        "cwe": cwe,
        "severity_suggestion": "critical",
        "evidence": [{"path": path, "start_line": start, "end_line": end, "quote": quote}],
        "patch": patch,
    }


_ELEMENT_LINE = re.compile(r'^element_key: (".*")$', re.MULTILINE)


def element_of(user_text: str) -> str | None:
    """The element key a request is about (the `element_key:` line of the element prompt)."""
    match = _ELEMENT_LINE.search(user_text)
    return json.loads(match.group(1)) if match else None


def by_element(answers: dict[str, Reply], default: Reply | None = None) -> Any:
    """A responder answering each element's request with its scripted reply (else
    `default`, "no issues" unless given)."""

    def respond(request: Any) -> Reply:
        key = element_of(request.user_text)
        return answers.get(key or "", default or no_issues())

    return respond
