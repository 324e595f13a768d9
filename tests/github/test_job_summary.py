"""The job summary file and the log's workflow commands."""

from __future__ import annotations

import io
import re
from pathlib import Path

from threatdelta.findings.threat import Confidence, Fix, Severity, Stride, Threat
from threatdelta.github.job_summary import (
    ANNOTATIONS_PER_LEVEL,
    STEP_SUMMARY_LIMIT,
    Annotation,
    AnnotationLevel,
    WorkflowLog,
    fit_step_summary,
    format_annotation,
    threat_annotations,
    write_step_summary,
)
from threatdelta.model.base import Evidence, Location


def _threat(number: int, severity: Severity = Severity.HIGH) -> Threat:
    return Threat(
        id=f"td-{number:04d}",
        rule_id="TD-S001",
        stride=(Stride.SPOOFING,),
        title="State change without authentication",
        message=f"POST /customers/{number} changes state\nwithout authentication",
        attack_vector="an anonymous client calls it",
        impact="records are created by anyone",
        cwe=(306,),
        capec=(),
        cvss_vector="CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:H/A:N",
        score=7.5,
        severity=severity,
        confidence=Confidence.HIGH,
        element=f"endpoint:POST /customers/{number}",
        evidence=(Evidence(location=Location(path="shop/routes.py", start_line=4, end_line=9)),),
        fix=Fix(summary="require a login, e.g. @login_required"),
    )


def test_an_annotation_escapes_its_message_and_properties() -> None:
    line = format_annotation(
        Annotation(
            level=AnnotationLevel.ERROR,
            title="TD-S001: a, b",
            message="100% bad\n::set-output name=gate::pass",
            file="src/a,b:c.py",
            line=4,
            end_line=9,
        )
    )
    assert line == (
        "::error file=src/a%2Cb%3Ac.py,line=4,endLine=9,title=TD-S001%3A a%2C b"
        "::100%25 bad%0A::set-output name=gate::pass"
    )
    assert "\n" not in line


def test_untrusted_text_is_echoed_between_stop_commands_markers() -> None:
    stream = io.StringIO()
    WorkflowLog(stream).untrusted("a title\n::error::forged\n::add-mask::x")
    lines = stream.getvalue().splitlines()
    start = re.fullmatch(r"::stop-commands::([0-9a-f]{32})", lines[0])
    assert start is not None
    assert lines[-1] == f"::{start.group(1)}::"
    assert lines[1:-1] == ["a title", "::error::forged", "::add-mask::x"]


def test_each_untrusted_echo_uses_a_fresh_token() -> None:
    stream = io.StringIO()
    log = WorkflowLog(stream)
    log.untrusted("one")
    log.untrusted("two")
    tokens = re.findall(r"::stop-commands::(\w+)", stream.getvalue())
    assert len(tokens) == 2
    assert tokens[0] != tokens[1]


def test_our_own_lines_cannot_span_lines_and_secrets_are_masked() -> None:
    stream = io.StringIO()
    log = WorkflowLog(stream)
    log.line("gate: pass\n::error::x")
    log.mask("ghs_token")
    log.mask("")
    assert stream.getvalue() == "gate: pass ::error::x\n::add-mask::ghs_token\n"


def test_failing_threats_become_errors_the_rest_warnings_capped_per_level() -> None:
    threats = [_threat(i) for i in range(15)] + [_threat(100 + i, Severity.LOW) for i in range(3)]
    failing = frozenset(t.id for t in threats[:15])
    annotations = threat_annotations(threats, failing)
    levels = [a.level for a in annotations]
    assert levels.count(AnnotationLevel.ERROR) == ANNOTATIONS_PER_LEVEL
    assert levels.count(AnnotationLevel.WARNING) == 3
    assert annotations[-1].level is AnnotationLevel.NOTICE
    assert "5 more threat(s)" in annotations[-1].message
    first = annotations[0]
    assert (first.file, first.line, first.end_line) == ("shop/routes.py", 4, 9)
    assert "TD-S001 (high)" in first.title
    assert "Fix: require a login" in first.message


def test_a_summary_within_the_limit_is_written_as_is(tmp_path: Path) -> None:
    path = tmp_path / "step_summary"
    write_step_summary(path, "## threatdelta\n\nall good")
    assert path.read_text(encoding="utf-8") == "## threatdelta\n\nall good\n"


def test_an_oversized_summary_is_cut_under_one_mebibyte_with_blocks_closed(
    tmp_path: Path,
) -> None:
    path = tmp_path / "step_summary"
    body = "<details>\n<summary>all</summary>\n\n```text\n" + ("é line of code\n" * 100_000)
    markdown = "## threatdelta\n\n" + "\n\n".join(body for _ in range(2))
    assert len(markdown.encode("utf-8")) > STEP_SUMMARY_LIMIT
    write_step_summary(path, markdown)
    written = path.read_text(encoding="utf-8")
    assert len(written.encode("utf-8")) <= STEP_SUMMARY_LIMIT
    assert "**Truncated:**" in written
    assert written.count("<details>") == written.count("</details>")
    fences = [line for line in written.splitlines() if line.startswith("```")]
    assert len(fences) % 2 == 0


def test_the_limit_counts_what_the_step_already_wrote(tmp_path: Path) -> None:
    path = tmp_path / "step_summary"
    path.write_text("x" * (STEP_SUMMARY_LIMIT - 10_000), encoding="utf-8")
    write_step_summary(path, "\n\n".join("paragraph " * 50 for _ in range(100)))
    assert path.stat().st_size <= STEP_SUMMARY_LIMIT


def test_a_cut_inside_a_multibyte_character_drops_the_partial_character() -> None:
    fitted = fit_step_summary("ü" * 2000, limit=2100)
    assert len(fitted.encode("utf-8")) <= 2100
    assert set(fitted.split("\n\n")[0]) == {"ü"}
    assert "\ufffd" not in fitted
