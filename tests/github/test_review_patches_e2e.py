"""Delivering proven patches on a pull request, end to end against the fake GitHub server:
the demo pull request (a real git repository) is diffed, its introduced threats get the
patches the registered fix families propose and the proof accepts on the head (a real scan of
the head checkout), and the review and summary comment are published. Each patch that is one
insertion next to the threat's changed lines becomes a suggestion block GitHub would commit as
the patched lines; the summary marks the patched threats and names the apply command.

(`threatdelta ci` on a pull request diffs without patches so far; the head scan stands in
for the step that attaches them.)"""

from __future__ import annotations

from pathlib import Path

import pytest
from ci_repo import build_pr_repository, pull_files
from fake_github import FakeGitHub
from review_samples import Sleeps, client

from threatdelta.findings.threat import Threat
from threatdelta.github.markers import marked_threat
from threatdelta.github.review import publish_review
from threatdelta.github.summary_comment import upsert_summary
from threatdelta.pipeline import diff, scan
from threatdelta.reporters.delta_markdown import render_delta_markdown

PR = 7


@pytest.fixture(autouse=True)
def _no_system_git_config(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("GIT_CONFIG_NOSYSTEM", "1")


def _suggestion(threat: Threat, head_lines: list[str]) -> str:
    assert threat.fix is not None
    [edit] = threat.fix.edits
    assert edit.is_insertion
    return "\n".join(["```suggestion", *edit.lines, head_lines[edit.start - 1], "```"])


def test_a_pull_request_gets_its_proven_patches_as_suggestions(
    tmp_path: Path, fake_github: FakeGitHub
) -> None:
    pr = build_pr_repository(tmp_path / "workspace")
    fake_github.add_pull(PR, head_sha=pr.head_sha, base_sha=pr.base_sha, files=pull_files(pr))
    delta = diff(pr.path, "main", pr.head_sha, use_cache=False)
    proven = {t.id: t for t in scan(pr.path).threats if t.fix is not None and t.fix.edits}
    introduced = tuple(proven.get(t.id, t) for t in delta.introduced)
    patched = [t for t in introduced if t.id in proven]
    assert patched, "the registered families patch a threat of the demo change"
    delta = delta.model_copy(update={"introduced": introduced})

    result = publish_review(
        client(fake_github),
        fake_github.repo,
        PR,
        pr.head_sha,
        delta,
        max_inline=10,
        policy=Sleeps().policy(),
    )
    assert set(result.posted) == {t.id for t in introduced}
    comments = {marked_threat(c["body"]): c for c in fake_github.review_comments(PR)}
    suggested = [t for t in patched if t.fix is not None and len(t.fix.edits) == 1]
    assert suggested
    for threat in suggested:
        assert threat.fix is not None
        [edit] = threat.fix.edits
        comment = comments[threat.id]
        head_lines = (pr.path / edit.path).read_text(encoding="utf-8").splitlines()
        assert comment["path"] == edit.path
        assert comment["line"] == edit.start
        assert _suggestion(threat, head_lines) in comment["body"]
        assert "(safe patch)" in comment["body"] or "**needs review**" in comment["body"]

    summary = upsert_summary(
        client(fake_github),
        fake_github.repo,
        PR,
        pr.head_sha,
        render_delta_markdown(delta),
        relevant=True,
        policy=Sleeps().policy(),
    )
    assert summary.comment_url
    [posted] = fake_github.issue_comments(PR)
    assert "fix available: " in posted["body"]
    for threat in patched:
        assert f"`threatdelta fix {threat.id} --apply`" in posted["body"]
