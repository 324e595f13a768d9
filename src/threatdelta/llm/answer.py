"""The structured answer the LLM analyst must give, and its strict validation.

The JSON Schema sent to the API (structured outputs) is generated from these models. What
comes back is validated threat by threat: a threat that does not validate is dropped and
reported as a notification, the others are kept. Nothing is ever repaired: no trimming, no
guessing a missing field, no coercing a wrong type (strict mode).
"""

from __future__ import annotations

import json
from typing import Any

from pydantic import ConfigDict, Field, ValidationError

from threatdelta.findings.threat import Severity, Stride
from threatdelta.model.base import Frozen, Level, Notification

MAX_THREATS_PER_ANSWER = 10
MAX_PATCH_CHARS = 20_000


class _Strict(Frozen):
    model_config = ConfigDict(frozen=True, extra="forbid", strict=True)


class QuotedEvidence(_Strict):
    """Lines of a file the answer relies on, and the code it says is there."""

    path: str = Field(min_length=1, max_length=500)
    start_line: int = Field(ge=1)
    end_line: int = Field(ge=1)
    quote: str = Field(min_length=1, max_length=2_000)


class LlmThreatAnswer(_Strict):
    """One threat as the model states it (before grounding)."""

    element: str = Field(min_length=1, max_length=500, description="the element key, verbatim")
    stride: tuple[Stride, ...] = Field(min_length=1, max_length=6, description="S T R I D E")
    title: str = Field(min_length=1, max_length=200)
    attack_vector: str = Field(min_length=1, max_length=2_000)
    impact: str = Field(min_length=1, max_length=2_000)
    cwe: int = Field(ge=1, le=9_999)
    severity_suggestion: Severity
    evidence: tuple[QuotedEvidence, ...] = Field(min_length=1, max_length=5)
    patch: str | None = Field(
        default=None, max_length=MAX_PATCH_CHARS, description="optional unified diff"
    )


class LlmAnswer(_Strict):
    """The whole answer for one element: zero or more threats ("no issues" is empty)."""

    threats: tuple[LlmThreatAnswer, ...] = Field(max_length=MAX_THREATS_PER_ANSWER)


def _note(element: str, message: str) -> Notification:
    return Notification(
        level=Level.WARNING,
        code="llm-answer-invalid",
        message=f"LLM answer for {element} dropped: {message}",
    )


def _first_error(exc: ValidationError) -> str:
    error = exc.errors()[0]
    where = ".".join(str(part) for part in error["loc"]) or "answer"
    return f"{where}: {error['msg']}"


def _threat_items(element: str, text: str) -> list[Any] | Notification:
    try:
        data = json.loads(text)
    except ValueError as exc:
        return _note(element, f"not valid JSON ({exc})")
    if not isinstance(data, dict) or set(data) != {"threats"}:
        return _note(element, 'not an object with exactly one field, "threats"')
    items = data["threats"]
    if not isinstance(items, list):
        return _note(element, '"threats" is not a list')
    if len(items) > MAX_THREATS_PER_ANSWER:
        return _note(element, f"more than {MAX_THREATS_PER_ANSWER} threats")
    return items


def validate_answer(element: str, text: str) -> tuple[LlmAnswer | None, list[Notification]]:
    """The valid threats of the answer `text` given for `element`, each invalid threat
    dropped with a notification; None (and why) when the answer as a whole is unusable."""
    items = _threat_items(element, text)
    if isinstance(items, Notification):
        return None, [items]
    kept: list[LlmThreatAnswer] = []
    notes: list[Notification] = []
    for index, item in enumerate(items):
        try:
            kept.append(LlmThreatAnswer.model_validate_json(json.dumps(item)))
        except ValidationError as exc:
            notes.append(_note(element, f"threat {index + 1}: {_first_error(exc)}"))
    return LlmAnswer(threats=tuple(kept)), notes


def answer_schema() -> dict[str, Any]:
    """The JSON Schema of `LlmAnswer`, in the subset the structured-output API accepts."""
    from anthropic import transform_schema  # noqa: PLC0415 (only when the analyst runs)

    return transform_schema(LlmAnswer)
