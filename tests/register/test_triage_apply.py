from __future__ import annotations

from datetime import date
from pathlib import Path

from register_samples import API_TEXT, CREATE, DELETE, scanned, threat_id

from threatdelta.register.apply import CHANGED_NOTE, triage
from threatdelta.register.fingerprint import element_fingerprint
from threatdelta.register.schema import Decision, RegisterFile, TriageStatus

TODAY = date(2026, 11, 26)


def _decide(target: str, status: TriageStatus = TriageStatus.ACCEPTED, **extra: object) -> Decision:
    return Decision.model_validate(
        {"target": target, "status": status, "justification": "reviewed", **extra}
    )


def test_exact_id_beats_element_wildcard_beats_rule_wildcard(tmp_path: Path) -> None:
    report = scanned(tmp_path)
    sqli = threat_id(report, "TD-T001", CREATE)
    register = RegisterFile(
        decisions=(
            _decide("rule:TD-T001", TriageStatus.FALSE_POSITIVE),
            _decide(f"element:{CREATE}", TriageStatus.MITIGATED),
            _decide(sqli, TriageStatus.IN_PROGRESS),
        )
    )
    result = triage(report.threats, report.model, register, TODAY)
    assert result.status_of(sqli) is TriageStatus.IN_PROGRESS
    assert result.status_of(threat_id(report, "TD-S001", CREATE)) is TriageStatus.MITIGATED
    assert result.status_of(threat_id(report, "TD-S001", DELETE)) is TriageStatus.OPEN


def test_element_prefix_wildcard_covers_every_admin_route(tmp_path: Path) -> None:
    report = scanned(tmp_path)
    register = RegisterFile(decisions=(_decide("element:endpoint:DELETE /admin/*"),))
    result = triage(report.threats, report.model, register, TODAY)
    suppressed = {e.threat.element for e in result.entries if e.suppressed}
    assert suppressed == {DELETE}
    assert result.orphans == ()


def test_acceptance_expires_on_its_date(tmp_path: Path) -> None:
    report = scanned(tmp_path)
    sqli = threat_id(report, "TD-T001", CREATE)
    register = RegisterFile(decisions=(_decide(sqli, expires=TODAY),))
    assert (
        triage(report.threats, report.model, register, date(2026, 11, 25)).status_of(sqli)
        is TriageStatus.ACCEPTED
    )
    result = triage(report.threats, report.model, register, TODAY)
    assert result.status_of(sqli) is TriageStatus.OPEN
    assert [e.note for e in result.reopened] == ["acceptance expired on 2026-11-26"]


def test_acceptance_survives_a_line_move_but_not_a_fact_change(tmp_path: Path) -> None:
    report = scanned(tmp_path / "before")
    sqli = threat_id(report, "TD-T001", CREATE)
    decision = _decide(sqli, element_fingerprint=element_fingerprint(report.model, CREATE))
    register = RegisterFile(decisions=(decision,))

    moved = scanned(tmp_path / "moved", "\n\n\n" + API_TEXT)
    assert moved.threats[0].evidence[0].location != report.threats[0].evidence[0].location
    assert triage(moved.threats, moved.model, register, TODAY).status_of(sqli) is (
        TriageStatus.ACCEPTED
    )

    changed_text = API_TEXT.replace("import sqlite3", "import sqlite3\nimport requests").replace(
        '    return jsonify({"ok": True}), 201',
        '    requests.get("http://audit.internal/created")\n    return jsonify({"ok": True}), 201',
        1,
    )
    changed = scanned(tmp_path / "changed", changed_text)
    assert element_fingerprint(changed.model, CREATE) != decision.element_fingerprint
    result = triage(changed.threats, changed.model, register, TODAY)
    assert result.status_of(sqli) is TriageStatus.OPEN
    assert result.reopened[0].note == CHANGED_NOTE


def test_a_decision_matching_no_threat_is_an_orphan_warning(tmp_path: Path) -> None:
    report = scanned(tmp_path)
    register = RegisterFile(decisions=(_decide("th-0123456789ab"), _decide("rule:TD-S001")))
    result = triage(report.threats, report.model, register, TODAY)
    assert [d.target for d in result.orphans] == ["th-0123456789ab"]
    assert result.notifications[0].code == "register-orphan"
    assert "th-0123456789ab" in result.notifications[0].message


def test_exact_element_beats_prefix_and_longer_prefix_beats_shorter(tmp_path: Path) -> None:
    report = scanned(tmp_path)
    register = RegisterFile(
        decisions=(
            _decide("element:endpoint:*", TriageStatus.IN_PROGRESS),
            _decide("element:endpoint:DELETE /admin/*", TriageStatus.MITIGATED),
            _decide(f"element:{CREATE}", TriageStatus.FALSE_POSITIVE),
        )
    )
    result = triage(report.threats, report.model, register, TODAY)
    by_element = {e.threat.element: e.status for e in result.entries}
    assert by_element == {
        CREATE: TriageStatus.FALSE_POSITIVE,
        DELETE: TriageStatus.MITIGATED,
    }
    assert result.orphans == ()  # the shadowed wildcard still matches threats


def test_an_open_decision_overrides_a_wildcard_suppression(tmp_path: Path) -> None:
    report = scanned(tmp_path)
    sqli = threat_id(report, "TD-T001", CREATE)
    register = RegisterFile(
        decisions=(_decide(f"element:{CREATE}"), _decide(sqli, TriageStatus.OPEN))
    )
    result = triage(report.threats, report.model, register, TODAY)
    assert result.status_of(sqli) is TriageStatus.OPEN
    assert sqli not in result.suppressed_ids()
    assert len(result.suppressed_ids()) == sum(1 for t in report.threats if t.element == CREATE) - 1
