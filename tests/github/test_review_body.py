"""The text of an inline comment: what it says, that repository text stays text, the
suggestion fence, and the marker; and the markers themselves."""

from __future__ import annotations

import re

from markdown_it import MarkdownIt
from review_samples import API, threat

from threatdelta.findings.edit import TextEdit
from threatdelta.findings.threat import Applicability, Fix
from threatdelta.github.markers import (
    RESOLVED_MARKER,
    is_ours,
    is_resolved,
    marked_threat,
    marker_id,
    threat_marker,
)
from threatdelta.github.review_anchor import Anchor
from threatdelta.github.review_body import MAX_DIFF_LINES, comment_body, resolved_body
from threatdelta.reporters.escape import ZWJ

AT_LINE = Anchor(path=API, line=8)


def test_a_comment_says_severity_stride_title_attacker_asset_evidence_fix_and_cwe() -> None:
    body = comment_body(threat("th-1", fix=Fix(summary="Add an auth guard")), AT_LINE)
    first = body.split("\n", 1)[0]
    assert first == "**HIGH** · S E · Unauthenticated state change"
    assert "**Attacker:** An anonymous caller sends the request directly" in body
    assert "creates users without being signed in" in body
    assert "(asset: `endpoint:POST /users`)" in body
    assert "- `app/api.py:8-13` (primary)" in body
    assert "**Fix:** Add an auth guard" in body
    assert "[CWE-306](https://cwe.mitre.org/data/definitions/306.html)" in body
    assert body.endswith("<!-- threatdelta:v1 id=th-1 -->")


def test_repository_text_cannot_mention_link_or_inject_html() -> None:
    hostile = threat("th-1", title="Leak @octocat <img src=x onerror=alert(1)> [x](http://e.vil)")
    html = MarkdownIt("commonmark").render(comment_body(hostile, AT_LINE))
    assert "<img" not in html
    assert "@octocat" not in html
    assert f"@{ZWJ}octocat" in html
    assert 'href="http://e.vil"' not in html
    assert re.findall(r"<a href=\"([^\"]+)\"", html) == [
        "https://cwe.mitre.org/data/definitions/306.html"
    ]


PATCH = "--- a/app/api.py\n+++ b/app/api.py\n@@ -9,1 +9,1 @@\n-a\n+b\n"
EDIT = TextEdit(path=API, start=9, end=9, lines=("b",))


def _fix(applicability: Applicability = Applicability.SAFE, **extra: object) -> Fix:
    values: dict[str, object] = {
        "summary": "s",
        "patch": PATCH,
        "applicability": applicability,
        "edits": (EDIT,),
        **extra,
    }
    return Fix.model_validate(values)


def _code_blocks(body: str) -> list[tuple[str, str]]:
    tokens = MarkdownIt("commonmark").parse(body)
    return [(t.info, t.content) for t in tokens if t.type == "fence"]


def test_a_suggestion_is_fenced_longer_than_any_backtick_run_inside() -> None:
    anchor = Anchor(path=API, line=10, start_line=9, suggestion=("x = ```` y", "```", "z"))
    body = comment_body(threat("th-1", fix=_fix()), anchor)
    assert "`````suggestion\nx = ```` y\n```\nz\n`````" in body
    assert _code_blocks(body) == [("suggestion", "x = ```` y\n```\nz\n")]


def test_a_suggestion_is_literal_blank_lines_kept_and_no_lines_deleting() -> None:
    kept = Anchor(path=API, line=10, suggestion=("  <b>@x</b> #1", ""))
    body = comment_body(threat("th-1", fix=_fix()), kept)
    assert _code_blocks(body) == [("suggestion", "  <b>@x</b> #1\n\n")]
    deleted = comment_body(threat("th-1", fix=_fix()), Anchor(path=API, line=10, suggestion=()))
    assert "```suggestion\n```" in deleted


def test_a_safe_patch_says_safe_and_an_unsafe_one_needs_review_with_its_guidance() -> None:
    anchor = Anchor(path=API, line=9, suggestion=("b",))
    safe = comment_body(threat("th-1", fix=_fix()), anchor)
    assert "**Fix:** s (safe patch)\n\n```suggestion\nb\n```" in safe
    unsafe = _fix(Applicability.UNSAFE, guidance="Check the new dependency")
    body = comment_body(threat("th-1", fix=unsafe), anchor)
    assert "(**needs review**: " in body
    assert "Check the new dependency\n\n```suggestion\nb\n```" in body


def test_a_display_only_fix_gives_its_guidance_and_no_patch() -> None:
    fix = Fix(summary="Rotate the key", guidance="Move it to the vault", patch=PATCH)
    body = comment_body(threat("th-1", fix=fix), AT_LINE)
    assert "**Fix:** Rotate the key\n\nMove it to the vault" in body
    assert _code_blocks(body) == []


def test_a_patch_that_is_not_a_suggestion_is_shown_as_a_diff_with_the_apply_command() -> None:
    body = comment_body(threat("th-1", fix=_fix()), AT_LINE)
    assert "```diff\n" + PATCH.rstrip("\n") + "\n```" in body
    assert "`threatdelta fix th-1 --apply`" in body
    assert "suggestion" not in body


def test_a_diff_with_backticks_crlf_and_markup_stays_one_literal_block() -> None:
    patch = PATCH.replace("+b", "+s = ````@x <b>`").replace("\n", "\r\n")
    body = comment_body(threat("th-1", fix=_fix(patch=patch)), AT_LINE)
    ((info, content),) = _code_blocks(body)
    assert info == "diff"
    assert content == patch.replace("\r\n", "\n")
    assert "\r" not in body


def test_a_long_diff_is_cut_and_says_how_to_print_it() -> None:
    long_patch = PATCH + "".join(f"+line {n}\n" for n in range(500))
    body = comment_body(threat("th-1", fix=_fix(patch=long_patch)), AT_LINE)
    ((_, content),) = _code_blocks(body)
    assert len(content.splitlines()) == MAX_DIFF_LINES
    assert "`threatdelta fix th-1` prints it in full" in body


def test_no_fix_says_so() -> None:
    assert "**Fix:** no fix suggested." in comment_body(threat("th-1"), AT_LINE)


def test_a_resolved_edit_keeps_the_marker_and_is_recognised() -> None:
    body = resolved_body(comment_body(threat("th-1"), AT_LINE), "abcdef1234567890")
    assert body.startswith("**Resolved** at `abcdef123456`")
    assert marked_threat(body) == "th-1"
    assert is_resolved(body)
    assert body.endswith(RESOLVED_MARKER)


def test_an_unsafe_threat_id_is_hashed_so_the_marker_stays_closed() -> None:
    marker = threat_marker("x --> <b>")
    assert marker.count("-->") == 1
    assert marked_threat(f"text {marker}") == marker_id("x --> <b>")
    assert marker_id("th-0123abcd") == "th-0123abcd"


def test_a_marker_counts_only_from_a_bot_or_the_token_user() -> None:
    assert is_ours("github-actions[bot]", "Bot", None)
    assert is_ours("me", "User", "me")
    assert not is_ours("mallory", "User", None)
    assert not is_ours("mallory", "User", "me")
