from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path
from textwrap import dedent

import pytest

from threatdelta.model.base import Level
from threatdelta.register.schema import Decision, TriageStatus
from threatdelta.register.store import (
    REGISTER_PATH,
    RegisterError,
    load_register,
    parse_register,
    record_decision,
)

COMMENTED = dedent(
    """\
    # Triage decisions for the payments API. Reviewed by security.
    version: 1
    decisions:
      # health checks are public on purpose
      - target: "element:endpoint:GET /health"
        status: false_positive
        justification: the health check is public by design
      - target: rule:TD-R001   # audit logging lives in the gateway
        status: mitigated
        justification: the API gateway writes the audit log
    """
)


def test_recording_a_new_decision_keeps_comments_and_order() -> None:
    decision = Decision(
        target="th-0123456789ab",
        status=TriageStatus.ACCEPTED,
        justification="internal tool",
        decided_by="Ada",
        decided_at=datetime(2026, 11, 1, 9, 30, tzinfo=UTC),
        expires=date(2027, 1, 31),
    )
    text = record_decision(COMMENTED, decision)
    assert text.startswith(COMMENTED.splitlines()[0])
    assert "# health checks are public on purpose" in text
    assert "# audit logging lives in the gateway" in text
    register, notes = parse_register(text, REGISTER_PATH)
    assert notes == ()
    assert [d.target for d in register.decisions] == [
        "element:endpoint:GET /health",
        "rule:TD-R001",
        "th-0123456789ab",
    ]
    assert register.decisions[-1] == decision


def test_recording_a_decision_for_a_known_target_replaces_it_in_place() -> None:
    decision = Decision(
        target="element:endpoint:GET /health", status=TriageStatus.OPEN, decided_by="Bo"
    )
    text = record_decision(COMMENTED, decision)
    register, _ = parse_register(text, REGISTER_PATH)
    assert register.decisions[0] == decision
    assert len(register.decisions) == 2
    assert "# health checks are public on purpose" in text
    assert "justification: the health check" not in text


def test_recording_into_no_file_starts_a_versioned_register() -> None:
    decision = Decision(target="rule:TD-D004", status=TriageStatus.IN_PROGRESS, justification="J-1")
    register, notes = parse_register(record_decision(None, decision), REGISTER_PATH)
    assert notes == ()
    assert register.version == 1
    assert register.decisions == (decision,)


def test_multiline_justification_round_trips() -> None:
    decision = Decision(
        target="th-0123456789ab",
        status=TriageStatus.ACCEPTED,
        justification="line one\nline two: with a colon\n- and a dash",
    )
    register, _ = parse_register(record_decision(COMMENTED, decision), REGISTER_PATH)
    assert register.decisions[-1].justification == decision.justification


def test_an_invalid_entry_is_reported_with_its_line_and_the_rest_honoured() -> None:
    text = dedent(
        """\
        decisions:
          - target: th-0123456789ab
            status: accepted
          - target: rule:TD-S001
            status: false_positive
            justification: all routes sit behind the SSO proxy
        """
    )
    register, notes = parse_register(text, REGISTER_PATH)
    assert [d.target for d in register.decisions] == ["rule:TD-S001"]
    assert len(notes) == 1
    assert notes[0].path == REGISTER_PATH
    assert notes[0].message.startswith("line 2: decisions[0] ignored")
    assert "justification" in notes[0].message


def test_bad_yaml_is_a_notification_not_a_crash() -> None:
    register, notes = parse_register("decisions: [\n  - {target: ", REGISTER_PATH)
    assert register.decisions == ()
    assert notes[0].level is Level.ERROR
    assert "line" in notes[0].message


def test_a_future_version_is_refused_clearly() -> None:
    register, notes = parse_register("version: 7\ndecisions: []\n", REGISTER_PATH)
    assert register.decisions == ()
    assert "newer than this threatdelta understands" in notes[0].message


def test_load_register_reads_the_file_of_the_repository(tmp_path: Path) -> None:
    (tmp_path / ".threatdelta").mkdir()
    (tmp_path / REGISTER_PATH).write_text(COMMENTED, encoding="utf-8")
    register, notes = load_register(tmp_path)
    assert notes == ()
    assert len(register.decisions) == 2


def test_a_repository_without_a_register_has_an_empty_one(tmp_path: Path) -> None:
    register, notes = load_register(tmp_path)
    assert register.decisions == () and notes == ()


def test_a_comment_only_file_keeps_its_comment_and_a_flow_list_becomes_a_block() -> None:
    decision = Decision(target="rule:TD-S001", status=TriageStatus.ACCEPTED, justification="x")
    text = record_decision("# owned by appsec\n", decision)
    assert text.startswith("# owned by appsec\n")
    assert parse_register(text, REGISTER_PATH)[0].decisions == (decision,)
    flow = record_decision("version: 1\ndecisions: []\n", decision)
    assert "\n  - target: rule:TD-S001\n" in flow


def test_recording_into_a_file_of_the_wrong_shape_is_refused() -> None:
    decision = Decision(target="rule:TD-S001", status=TriageStatus.ACCEPTED, justification="x")
    for text, said in (
        ("- just a list\n", "a mapping expected"),
        ("decisions: {a: 1}\n", "decisions must be a list"),
        ("decisions: [\n", "does not parse"),
    ):
        with pytest.raises(RegisterError, match=said):
            record_decision(text, decision)
