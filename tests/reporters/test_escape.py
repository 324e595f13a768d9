"""Hostile repository strings stay text in Markdown: rendered with a CommonMark + GFM tables
renderer (markdown-it-py), they produce no HTML of their own, no links, no emphasis, no
broken tables, and read as they were written; GitHub's post-render autolinks (@mentions,
#references, bare URLs, e-mail addresses) are broken by a zero-width joiner."""

from __future__ import annotations

import html
import re

import pytest
from markdown_it import MarkdownIt

from threatdelta.reporters.escape import ZWJ, code_span, escape_markdown, fenced_code

HOSTILE = [
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "<!-- hidden --> & &amp; &#64;octocat",
    "[click me](https://evil.example/x) ![img](https://evil.example/p.png)",
    "[ref]: https://evil.example",
    "**bold** __under__ *em* _em_ ~~strike~~ `code`",
    "| a | b |\n|---|---|",
    "# heading",
    "- bullet",
    "+ bullet",
    "1. ordered",
    "3) ordered",
    "> quote",
    "=====",
    "    indented code",
    "$x^2$ and $$y$$",
    "line one\nline two\r\n# not a heading",
    "back\\slash \\* \\\\",
    "trojan \u202egnp.exe\u202c",
    "ctrl \x00\x07\x1b[31m",
    "https://evil.example and www.evil.example and mail@evil.example",
    "<https://evil.example>",
    "hey @octocat and @org/team, see #123 and GH-1",
]


def _render(markdown: str) -> str:
    return MarkdownIt("commonmark").enable(["table", "strikethrough"]).render(markdown)


def _text_of(rendered: str) -> str:
    return html.unescape(re.sub(r"<[^>]+>", "", rendered)).strip()


def _tags(rendered: str) -> set[str]:
    return set(re.findall(r"<\s*/?\s*([a-zA-Z0-9]+)", rendered))


def _flat(text: str) -> str:
    text = re.sub(r"[\x00-\x1f\x7f]+", " ", text)
    return re.sub("[\u202a-\u202e\u2066-\u2069\u200e\u200f]", "\ufffd", text).lstrip(" ")


@pytest.mark.parametrize("text", HOSTILE)
def test_inline_text_renders_as_one_plain_paragraph(text: str) -> None:
    rendered = _render(escape_markdown(text))
    assert _tags(rendered) == {"p"}
    assert _text_of(rendered).replace(ZWJ, "") == _flat(text).strip()


@pytest.mark.parametrize("text", HOSTILE)
def test_inline_text_in_a_table_cell_stays_in_its_cell(text: str) -> None:
    table = f"| a | b |\n| --- | --- |\n| {escape_markdown(text)} | end |\n"
    rendered = _render(table)
    assert rendered.count("<td>") == 2
    assert _tags(rendered) <= {"table", "thead", "tbody", "tr", "th", "td"}
    assert "<td>end</td>" in rendered


@pytest.mark.parametrize("text", HOSTILE)
def test_code_span_holds_any_text(text: str) -> None:
    rendered = _render(code_span(text))
    assert _tags(rendered) == {"p", "code"}
    assert _text_of(rendered) == _flat(text).strip()


@pytest.mark.parametrize(
    "text", ["`", "``", "a ` b", "``x``", "` leading", "trailing `", "a | b", "|`|", " ", "  "]
)
def test_code_span_with_backticks_and_pipes_roundtrips(text: str) -> None:
    inline = _render(code_span(text))
    assert re.findall(r"<code>(.*?)</code>", inline, re.S) == [html.escape(text, quote=False)]
    cell = _render(f"| h |\n| --- |\n| {code_span(text, in_table=True)} |\n")
    assert cell.count("<td>") == 1
    assert re.findall(r"<code>(.*?)</code>", cell, re.S) == [html.escape(text, quote=False)]


def test_mentions_references_and_autolinks_are_broken_with_a_joiner() -> None:
    out = escape_markdown("@octocat @org/team #12 https://x.example www.x.example a@b.example")
    assert "@" + ZWJ + "octocat" in out
    assert "@" + ZWJ + "org/team" in out
    assert "#" + ZWJ + "12" in out
    assert ":" + ZWJ + "//x.example" in out
    assert "www" + ZWJ + ".x.example" in out
    assert "a@" + ZWJ + "b.example" in out
    assert not re.search(r"@[A-Za-z0-9]", out)


def test_plain_words_are_left_readable() -> None:
    assert escape_markdown("POST /users changes state.") == "POST /users changes state."
    assert escape_markdown("email me at noon") == "email me at noon"


def test_bidi_overrides_are_neutralised() -> None:
    assert "\u202e" not in escape_markdown("a\u202eb")
    assert "\u202e" not in code_span("a\u202eb")
    assert "\u2066" not in fenced_code("x\u2066y")


def test_fenced_code_outlasts_fences_in_the_content() -> None:
    content = "before\n```\ninjected: **no**\n````\nafter @octocat <b>"
    block = fenced_code(content, "diff")
    assert block.startswith("`````diff\n")
    rendered = _render(block + "\n\nnext paragraph")
    assert _tags(rendered) == {"pre", "code", "p"}
    code = re.findall(r"<code[^>]*>(.*?)</code>", rendered, re.S)
    assert code == [html.escape(content, quote=False) + "\n"]


def test_fenced_code_refuses_an_injected_info_string() -> None:
    with pytest.raises(ValueError, match="unsafe info string"):
        fenced_code("x", "diff\n<script>")
