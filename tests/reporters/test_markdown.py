"""`--format markdown`: verdict, counts, threat table, one section per threat, notifications;
repository-derived text is escaped."""

from __future__ import annotations

import re
from collections import Counter

from markdown_it import MarkdownIt
from report_samples import empty_report, sample_report

from threatdelta.findings.threat import Fix, Severity, Stride, Threat
from threatdelta.model.base import Level, Notification
from threatdelta.reporters.markdown import render_markdown


def _render(markdown: str) -> str:
    return MarkdownIt("commonmark").enable(["table", "strikethrough"]).render(markdown)


def _section(markdown: str, heading: str) -> str:
    after = markdown.split(f"\n## {heading}\n", 1)[1]
    return after.split("\n## ", 1)[0]


def test_verdict_counts_threats_by_severity_and_notifications() -> None:
    report = sample_report()
    counts = Counter(t.severity for t in report.threats)
    parts = ", ".join(f"{counts[s]} {s.value}" for s in Severity if counts[s])
    markdown = render_markdown(report)
    verdict = next(line for line in markdown.splitlines() if line.startswith("**Verdict:**"))
    assert verdict == (
        f"**Verdict:** {len(report.threats)} threats ({parts}). 3 notifications (1 error)."
    )
    assert "1 critical" in verdict  # the sample has one SQL injection


def test_empty_report_says_no_threats_and_has_no_threat_sections() -> None:
    markdown = render_markdown(empty_report())
    assert "**Verdict:** no threats found." in markdown
    assert "## Threats" not in markdown
    assert "## Notifications" not in markdown


def test_counts_table_crosses_primary_stride_with_severity() -> None:
    report = sample_report()
    summary = _section(render_markdown(report), "Summary")
    rows = {line.split(" | ")[0].lstrip("| "): line for line in summary.splitlines() if line}
    counts = Counter((t.stride[0], t.severity) for t in report.threats)
    for stride in Stride:
        per = [counts[(stride, s)] for s in Severity]
        cells = " | ".join(map(str, per))
        assert rows[f"{stride.value} {stride.label}"] == (
            f"| {stride.value} {stride.label} | {cells} | {sum(per)} |"
        )
    totals = " | ".join(str(sum(counts[(st, s)] for st in Stride)) for s in Severity)
    assert rows["**total**"] == f"| **total** | {totals} | **{len(report.threats)}** |"
    assert counts[(Stride.TAMPERING, Severity.CRITICAL)] == 1


def test_threat_table_lists_threats_in_report_order() -> None:
    report = sample_report()
    table = _section(render_markdown(report), "Threats")
    rows = [line for line in table.splitlines() if re.match(r"\| \d+ \|", line)]
    assert len(rows) == len(report.threats)
    for number, (row, threat) in enumerate(zip(rows, report.threats, strict=True), start=1):
        loc = threat.evidence[0].location
        assert row.startswith(f"| {number} | {threat.severity.value} |")
        assert f"`{threat.id}`" in row
        assert f"{loc.start_line}`" in row
    html = _render(table)
    assert html.count("<tr>") == len(report.threats) + 1  # hostile cells did not split rows
    assert html.count("<td>") == 7 * len(report.threats)


def test_each_threat_has_a_section_with_vector_impact_fix_and_cwe_links() -> None:
    report = sample_report()
    details = _section(render_markdown(report), "Details")
    sections = re.split(r"\n(?=### \d+\. )", details.strip())
    assert len(sections) == len(report.threats)
    for number, (section, threat) in enumerate(zip(sections, report.threats, strict=True), 1):
        assert section.startswith(f"### {number}. {threat.rule_id} ")
        assert f"id `{threat.id}`" in section
    sqli = next(s for s in sections if " TD-T001 " in s.splitlines()[0])
    assert "**critical** (CVSS 3.1 " in sqli
    assert "- **Attack vector:** " in sqli
    assert "- **Impact:** " in sqli
    assert "- **Fix:** " in sqli
    assert "[CWE-89](https://cwe.mitre.org/data/definitions/89.html)" in sqli
    s001 = next(s for s in sections if "TD-S001" in s and "`endpoint:POST /users`" in s)
    assert "- **Other evidence:** `openapi.yaml:5-7` (spec)" in s001


def test_repository_text_is_escaped_everywhere() -> None:
    markdown = render_markdown(sample_report())
    html = _render(markdown)
    assert "<script>" not in html
    assert "<b>" not in html
    for line in markdown.splitlines():
        if "`" not in line:  # outside code, a mention always carries the joiner
            assert not re.search(r"@[A-Za-z0-9]", line), line
    assert "&lt;script&gt;" in html


def test_notifications_list_level_code_path_and_message() -> None:
    notes = _section(render_markdown(sample_report()), "Notifications").strip().splitlines()
    assert notes[0] == (
        "- **warning** `parse-error` in `deploy/broken.yaml`: YAML syntax error at line 3: "
        "mapping values are not allowed \\[here\\]"
    )
    assert notes[2].startswith("- **error** `rule-crashed`: rule TD-X999 crashed")


def test_hostile_notification_cannot_inject_markup() -> None:
    note = Notification(
        level=Level.ERROR,
        code="parse-error",
        message="</li><script>x</script> [a](javascript:alert(1)) @octocat",
        path="a`b`|c.yaml",
    )
    report = empty_report().model_copy(update={"notifications": (note,)})
    html = _render(render_markdown(report))
    assert "<script>" not in html
    assert "<a " not in html
    assert "<code>a`b`|c.yaml</code>" in html


def test_patch_is_shown_in_a_fence_that_its_content_cannot_close() -> None:
    report = sample_report()
    threat: Threat = report.threats[0]
    patch = "--- a/app/api.py\n+++ b/app/api.py\n@@ -1 +1 @@\n-x\n+```\n+y\n"
    fixed = threat.model_copy(update={"fix": Fix(summary="Use parameters.", patch=patch)})
    markdown = render_markdown(report.model_copy(update={"threats": (fixed,)}))
    assert "````diff\n" + patch.rstrip("\n") + "\n````" in markdown


def test_overview_line_names_the_tool_model_size_and_files() -> None:
    report = sample_report()
    lines = render_markdown(report).splitlines()
    assert lines[2] == (
        f"threatdelta {report.tool.version} · 1 service, 3 endpoints · "
        "3 of 5 files analysed, 2 skipped"
    )
