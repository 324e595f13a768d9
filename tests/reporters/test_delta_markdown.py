"""The pull-request summary: verdict first, counts, introduced then resolved threats, the
affected-element table, the diagram (or why it is omitted), persisting threats folded away,
notifications; hostile repository text stays text when rendered."""

from __future__ import annotations

import re
from html import unescape

from delta_samples import HOSTILE_PATH, HOSTILE_ROUTE, delta_report, quiet_report
from markdown_it import MarkdownIt

from threatdelta.reporters.delta_markdown import render_delta_markdown
from threatdelta.reporters.escape import ZWJ

_ALLOWED_TAGS = {
    "p",
    "strong",
    "code",
    "h2",
    "ul",
    "li",
    "table",
    "thead",
    "tbody",
    "tr",
    "th",
    "td",
    "pre",
    "details",
    "summary",
}


def _render(markdown: str) -> str:
    return MarkdownIt("commonmark").enable(["table", "strikethrough"]).render(markdown)


def _section(markdown: str, heading: str) -> str:
    after = markdown.split(f"\n## {heading}\n", 1)[1]
    return after.split("\n## ", 1)[0]


def test_first_line_is_the_bold_verdict() -> None:
    first = render_delta_markdown(delta_report()).splitlines()[0]
    assert first == (
        "**threatdelta: this change introduces 3 threats (1 critical, 1 high, 1 low)"
        " and resolves 1**"
    )


def test_incomplete_analysis_verdict_comes_first_even_without_findings() -> None:
    markdown = render_delta_markdown(quiet_report(complete=False))
    first = markdown.splitlines()[0]
    assert first.startswith("**threatdelta: INCOMPLETE analysis: ")
    assert "threats may be missing" in first
    assert "no threats" not in markdown


def test_irrelevant_change_is_one_verdict_and_what_was_compared() -> None:
    markdown = render_delta_markdown(quiet_report())
    assert markdown.splitlines()[0] == "**threatdelta: no architecture-relevant change**"
    assert "1 changed file, 0 analysed" in markdown
    assert "## " not in markdown
    assert "| introduced |" not in markdown


def test_counts_table_has_introduced_resolved_and_persisting_rows() -> None:
    markdown = render_delta_markdown(delta_report())
    assert "| introduced | 1 | 1 | 0 | 1 | 3 |" in markdown
    assert "| resolved | 1 | 0 | 0 | 0 | 1 |" in markdown
    assert "| persisting | 0 | 1 | 0 | 0 | 1 |" in markdown


def test_introduced_threats_come_before_resolved_with_location_and_fix() -> None:
    report = delta_report()
    markdown = render_delta_markdown(report)
    assert markdown.index("## Introduced threats") < markdown.index("## Resolved threats")
    items = _section(markdown, "Introduced threats").strip().splitlines()
    assert len(items) == len(report.introduced)
    for item, threat in zip(items, report.introduced, strict=True):
        loc = threat.evidence[0].location
        stride = " ".join(s.value for s in threat.stride)
        assert item.startswith(f"- **{threat.severity.value}** · {stride} · {threat.rule_id} ")
        assert f"`{loc.path}:{loc.start_line}`" in item
        assert threat.fix is not None
        assert item.endswith(f"fix: {threat.fix.summary}")


def test_resolved_fix_with_markup_stays_one_plain_line() -> None:
    resolved = _section(render_delta_markdown(delta_report()), "Resolved threats").strip()
    assert "\n" not in resolved
    html = _render(resolved)
    assert "<b>" not in html
    assert "&lt;b&gt;now&lt;/b&gt; second line" in html
    assert "@" + ZWJ + "login" in resolved


def test_affected_table_has_one_row_per_element_despite_hostile_cells() -> None:
    report = delta_report()
    table = _section(render_delta_markdown(report), "Affected elements")
    html = _render(table)
    assert html.count("<tr>") == len(report.affected) + 1
    assert html.count("<td>") == 4 * len(report.affected)
    assert "<td>dependent</td>" in html
    assert "<td><code>app/api.py:8</code></td>" in html


def test_hostile_text_renders_without_html_links_or_live_mentions() -> None:
    markdown = render_delta_markdown(delta_report())
    html = _render(markdown)
    tags = set(re.findall(r"<\s*/?\s*([a-zA-Z0-9]+)", html))
    assert tags <= _ALLOWED_TAGS
    assert "<script" not in html
    outside_code = re.sub(r"<code[^>]*>.*?</code>", "", html, flags=re.S)
    assert not re.search(r"@[A-Za-z0-9]", outside_code)
    assert not re.search(r"^#", markdown.replace("## ", ""), re.M)  # no injected headings


def test_hostile_key_and_path_read_verbatim_as_code_in_the_table() -> None:
    html = _render(_section(render_delta_markdown(delta_report()), "Affected elements"))
    codes = [unescape(c) for c in re.findall(r"<code>(.*?)</code>", html, re.S)]
    assert f"endpoint:DELETE {HOSTILE_ROUTE}" in codes  # GitHub links nothing inside code
    assert HOSTILE_PATH.replace("\n", " ") + ":3" in codes


def test_diagram_section_holds_a_mermaid_block() -> None:
    markdown = render_delta_markdown(delta_report())
    diagram = _section(markdown, "Data flow diagram")
    assert diagram.strip().startswith("```mermaid\nflowchart LR\n")
    assert diagram.strip().endswith("\n```")


def test_diagram_is_replaced_by_a_pointer_to_the_table_over_the_cap() -> None:
    markdown = render_delta_markdown(delta_report(), node_cap=2)
    assert "_diagram omitted: 4 elements; see the table._" in markdown
    assert "```mermaid" not in markdown
    assert "## Affected elements" in markdown


def test_persisting_threats_are_folded_in_fixed_details_tags() -> None:
    markdown = render_delta_markdown(delta_report())
    block = markdown.split("<details>\n", 1)[1].split("</details>", 1)[0]
    assert block.startswith("<summary>1 persisting threat on the affected elements</summary>\n")
    assert "TD-S001" in block
    assert markdown.count("<details>") == 1
    assert markdown.count("<summary>") == 1


def test_no_persisting_threats_means_no_details_block() -> None:
    assert "<details>" not in render_delta_markdown(delta_report(persisting=()))


def test_notifications_are_listed_with_escaped_messages() -> None:
    section = _section(render_delta_markdown(delta_report()), "Notifications")
    assert section.strip().startswith("- **warning** `file-too-large` in `static/bundle.js`: ")
    assert "\\<b\\>@" + ZWJ + "team\\</b\\>" in section
