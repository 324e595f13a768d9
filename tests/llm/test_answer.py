"""Validation of the LLM's structured answers: invalid parts are dropped, never repaired."""

from __future__ import annotations

import json
from typing import Any

from threatdelta.findings.threat import Severity, Stride
from threatdelta.llm.answer import answer_schema, validate_answer


def _threat(**changes: Any) -> dict[str, Any]:
    base: dict[str, Any] = {
        "element": "endpoint:POST /refunds",
        "stride": ["E", "T"],
        "title": "Self-approved refund",
        "attack_vector": "a customer approves their own refund",
        "impact": "money paid out",
        "cwe": 285,
        "severity_suggestion": "high",
        "evidence": [{"path": "app.py", "start_line": 3, "end_line": 4, "quote": "x = 1"}],
    }
    return {**base, **changes}


def test_valid_answer_is_kept_as_given() -> None:
    answer, notes = validate_answer("e", json.dumps({"threats": [_threat()]}))
    assert notes == []
    assert answer is not None
    (threat,) = answer.threats
    assert threat.stride == (Stride.ELEVATION_OF_PRIVILEGE, Stride.TAMPERING)
    assert threat.severity_suggestion is Severity.HIGH
    assert threat.patch is None


def test_no_issues_is_an_empty_answer() -> None:
    answer, notes = validate_answer("e", '{"threats": []}')
    assert answer is not None and answer.threats == ()
    assert notes == []


def test_text_that_is_not_json_drops_the_whole_answer() -> None:
    answer, notes = validate_answer("endpoint:GET /x", "Sure! Here are the threats: ...")
    assert answer is None
    assert notes[0].code == "llm-answer-invalid"
    assert "endpoint:GET /x" in notes[0].message
    assert "not valid JSON" in notes[0].message


def test_wrong_top_level_shape_drops_the_answer() -> None:
    answer, notes = validate_answer("e", '{"threats": [], "verdict": "clean"}')
    assert answer is None
    assert "exactly one field" in notes[0].message


def test_one_invalid_threat_is_dropped_and_the_others_kept() -> None:
    bad_stride = _threat(stride=["X"])
    cwe_as_text = _threat(cwe="CWE-285")  # strict: no coercion of a string to a number
    extra_field = _threat(confidence="high")
    text = json.dumps({"threats": [bad_stride, _threat(), cwe_as_text, extra_field]})
    answer, notes = validate_answer("e", text)
    assert answer is not None and len(answer.threats) == 1
    assert [n.message.split(": ")[1] for n in notes] == ["threat 1", "threat 3", "threat 4"]


def test_schema_sent_to_the_api_forbids_extra_fields() -> None:
    schema = answer_schema()
    assert schema["additionalProperties"] is False
    threat = schema["$defs"]["LlmThreatAnswer"]
    assert threat["additionalProperties"] is False
    assert "element" in threat["required"] and "patch" not in threat["required"]
