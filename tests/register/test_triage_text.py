"""The triage in the text outputs (`scan` and `diff --format text`): one plain line each."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from register_samples import CREATE, scanned, threat_id

from threatdelta.register.apply import triage
from threatdelta.register.changes import decision_changes
from threatdelta.register.schema import Decision, RegisterFile, TriageStatus
from threatdelta.reporters.triage_text import triage_lines


def test_text_lines_name_the_change_the_suppression_and_the_reopening(tmp_path: Path) -> None:
    report = scanned(tmp_path)
    sqli = threat_id(report, "TD-T001", CREATE)
    accepted = Decision(
        target=sqli,
        status=TriageStatus.ACCEPTED,
        justification="legacy",
        decided_by="Ada",
        expires=date(2030, 1, 1),
    )
    dismissed = Decision(
        target="rule:TD-R001", status=TriageStatus.FALSE_POSITIVE, justification="gateway"
    )
    before = RegisterFile(decisions=(accepted.model_copy(update={"status": TriageStatus.OPEN}),))
    after = RegisterFile(decisions=(accepted, dismissed))
    result = triage(report.threats, report.model, after, date(2029, 1, 1))
    lines = triage_lines(result, decision_changes(before, after))
    assert lines[0] == f"decision changed by this change: {sqli} accepted (was open) by Ada: legacy"
    assert lines[1] == "decision changed by this change: rule:TD-R001 false_positive: gateway"
    assert any(
        x.startswith(f"accepted {sqli} TD-T001 ") and "(by Ada, expires 2030-01-01)" in x
        for x in lines
    )
    expired = triage(report.threats, report.model, after, date(2030, 1, 1))
    assert (
        f"reopened {sqli} TD-T001 SQL statement built from request input: "
        "acceptance expired on 2030-01-01" in triage_lines(expired)
    )
