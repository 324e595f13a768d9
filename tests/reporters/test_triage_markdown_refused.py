"""The "not applied" section of a fork's pull request summary: listed before the applied
changes, every register value escaped."""

from __future__ import annotations

from threatdelta.register.apply import TriageResult
from threatdelta.register.changes import DecisionChange
from threatdelta.register.schema import Decision, TriageStatus
from threatdelta.reporters.escape import escape_markdown
from threatdelta.reporters.triage_markdown import triage_parts

HOSTILE = "<img src=x onerror=alert(1)> [click](https://evil.example)"


def test_refused_changes_are_listed_with_the_reason_and_escaped() -> None:
    after = Decision(
        target="th-463ca8d2bad0",
        status=TriageStatus.ACCEPTED,
        justification=HOSTILE,
        decided_by="@octo-org/security",
    )
    parts = triage_parts(TriageResult(), (), (DecisionChange(target=after.target, after=after),))
    heading, body = parts
    assert heading == "## Triage decisions not applied (pull request from a fork)"
    assert "this pull request comes from a fork" in body
    assert "`th-463ca8d2bad0`: **accepted**" in body
    assert escape_markdown(HOSTILE) in body
    assert HOSTILE not in body
    assert f"decided by {escape_markdown('@octo-org/security')}" in body


def test_no_refused_changes_no_section() -> None:
    assert triage_parts(TriageResult()) == []
