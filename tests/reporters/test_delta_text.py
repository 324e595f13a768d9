"""The terminal delta: verdict, counts, introduced then resolved threats in one table, the
affected elements, notifications; repository text cannot inject terminal control sequences,
rich markup or emoji."""

from __future__ import annotations

from delta_samples import HOSTILE_ROUTE, delta_report, quiet_report

from threatdelta.diff.delta import AffectedElement, ChangeKind
from threatdelta.model.base import ElementKind, Level, Notification
from threatdelta.reporters.delta_text import render_delta_text


def _rows(text: str, first_cell: str) -> list[str]:
    return [line for line in text.splitlines() if line.startswith(f"│ {first_cell}")]


def test_first_line_is_the_verdict_then_the_counts() -> None:
    lines = render_delta_text(delta_report()).splitlines()
    assert lines[0] == (
        "threatdelta: this change introduces 3 threats (1 critical, 1 high, 1 low) and resolves 1"
    )
    assert lines[3] == (
        "threats: 3 introduced (1 critical, 1 high, 1 low), 1 resolved (1 critical),"
        " 1 persisting (1 high)"
    )


def test_table_lists_introduced_threats_before_resolved_ones() -> None:
    report = delta_report()
    text = render_delta_text(report, width=200)
    introduced, resolved = _rows(text, "introduced"), _rows(text, "resolved")
    assert len(introduced) == len(report.introduced)
    assert len(resolved) == len(report.resolved)
    assert text.index(introduced[-1]) < text.index(resolved[0])
    for row, threat in zip(introduced, report.introduced, strict=True):
        loc = threat.evidence[0].location
        assert f"{threat.rule_id} {threat.title}" in row
        assert f"{loc.path}:{loc.start_line}" in row


def test_affected_elements_are_listed_with_change_and_reason() -> None:
    text = render_delta_text(delta_report(), width=400)
    assert "  added     endpoint:POST /users at app/api.py:8: New endpoint POST /users" in text
    assert f"  dependent endpoint:DELETE {HOSTILE_ROUTE} at " in text
    assert "  removed   endpoint:PUT /legacy at app/legacy.py:4:" in text


def test_irrelevant_change_prints_no_table() -> None:
    text = render_delta_text(quiet_report())
    assert text.splitlines()[0] == "threatdelta: no architecture-relevant change"
    assert "┏" not in text
    assert "affected elements:" not in text


def test_incomplete_verdict_is_first() -> None:
    text = render_delta_text(quiet_report(complete=False))
    assert text.startswith("threatdelta: INCOMPLETE analysis: ")


def test_control_sequences_markup_and_emoji_from_the_repository_stay_inert() -> None:
    hostile = AffectedElement(
        key="endpoint:GET /x\x1b[2J\x9b31m[bold]big[/bold] :warning:",
        kind=ElementKind.ENDPOINT,
        change=ChangeKind.ADDED,
        reason="new\nline \u202eevil",
    )
    note = Notification(level=Level.NOTE, code="x", message="[red]hi[/red]\x07", path="a\x1bb")
    text = render_delta_text(delta_report(affected=(hostile,), notifications=(note,)), width=400)
    assert "\x1b" not in text
    assert "\x9b" not in text
    assert "\u202e" not in text
    assert "[bold]big[/bold] :warning:" in text
    assert "note: a b: [red]hi[/red]  [x]" in text
    assert "new line \ufffdevil" in text


def test_color_output_styles_severity_without_breaking_text() -> None:
    text = render_delta_text(delta_report(), color=True)
    assert "\x1b[" in text
    assert "introduces 3 threats" in text
