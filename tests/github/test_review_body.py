"""The text of an inline comment: what it says, that repository text stays text, the
suggestion fence, and the marker; and the markers themselves."""

from __future__ import annotations

import re

from markdown_it import MarkdownIt
from review_samples import API, threat

from threatdelta.findings.threat import Fix
from threatdelta.github.markers import (
    RESOLVED_MARKER,
    is_ours,
    is_resolved,
    marked_threat,
    marker_id,
    threat_marker,
)
from threatdelta.github.review_anchor import Anchor
from threatdelta.github.review_body import comment_body, resolved_body
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


def test_a_suggestion_is_fenced_longer_than_any_backtick_run_inside() -> None:
    anchor = Anchor(path=API, line=10, start_line=9, suggestion="x = ```` y\nz")
    body = comment_body(threat("th-1", fix=Fix(summary="s", patch="p")), anchor)
    assert "`````suggestion\nx = ```` y\nz\n`````" in body


def test_a_patch_that_is_not_a_suggestion_is_shown_as_a_diff() -> None:
    patch = "--- a/app/api.py\n+++ b/app/api.py\n@@ -1 +1 @@\n-a\n+b\n"
    body = comment_body(threat("th-1", fix=Fix(summary="s", patch=patch)), AT_LINE)
    assert "```diff\n" + patch.rstrip("\n") + "\n```" in body
    assert "suggestion" not in body


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
