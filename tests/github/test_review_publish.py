"""publish_review against the fake GitHub: one review per run, comments on head lines of the
diff, nothing twice, only new threats after a push."""

from __future__ import annotations

from typing import Any

from fake_github import FakeGitHub
from review_samples import (
    API,
    HEAD,
    NEXT_HEAD,
    PR,
    Sleeps,
    client,
    open_pull,
    report,
    threat,
)

from threatdelta.diff.delta import DeltaReport
from threatdelta.findings.edit import TextEdit
from threatdelta.findings.threat import Applicability, Fix, Severity
from threatdelta.github.markers import REVIEW_MARKER, threat_marker
from threatdelta.github.review import ReviewResult, publish_review


def publish(
    fake: FakeGitHub, delta: DeltaReport, *, head: str = HEAD, cap: int = 15
) -> ReviewResult:
    return publish_review(
        client(fake), fake.repo, PR, head, delta, max_inline=cap, policy=Sleeps().policy()
    )


def review_posts(fake: FakeGitHub) -> list[dict[str, Any]]:
    return [r.json for r in fake.requests_to("POST", "/reviews") if r.status < 300]


def test_first_run_posts_one_review_with_a_comment_on_the_decorator_line(
    fake_github: FakeGitHub,
) -> None:
    open_pull(fake_github)
    result = publish(fake_github, report(threat("th-1")))
    [posted] = review_posts(fake_github)
    [comment] = posted["comments"]
    assert (comment["path"], comment["line"], comment["side"]) == (API, 8, "RIGHT")
    assert "start_line" not in comment
    assert comment["body"].endswith(threat_marker("th-1"))
    assert posted["commit_id"] == HEAD
    assert REVIEW_MARKER in posted["body"]
    [submitted] = [r.json for r in fake_github.requests_to("POST", "/events")]
    assert submitted["event"] == "COMMENT"
    [review] = fake_github.reviews(PR)
    assert review["state"] == "COMMENTED"
    assert result.posted == ("th-1",)
    assert result.review_url == review["html_url"]


def test_a_rerun_on_the_same_head_posts_nothing_new(fake_github: FakeGitHub) -> None:
    open_pull(fake_github)
    delta = report(threat("th-1"), threat("th-2", start=15, end=18))
    publish(fake_github, delta)
    writes_after_first = len(fake_github.writes)
    second = publish(fake_github, delta)
    assert len(fake_github.writes) == writes_after_first
    assert len(fake_github.review_comments(PR)) == 2
    assert len(fake_github.reviews(PR)) == 1
    assert set(second.already) == {"th-1", "th-2"}
    assert second.posted == ()


def test_a_new_push_posts_only_the_new_threats(fake_github: FakeGitHub) -> None:
    open_pull(fake_github)
    publish(fake_github, report(threat("th-1")))
    fake_github.set_head(PR, NEXT_HEAD)
    later = report(threat("th-1"), threat("th-2", start=15, end=18), head=NEXT_HEAD)
    result = publish(fake_github, later, head=NEXT_HEAD)
    assert result.posted == ("th-2",)
    second = review_posts(fake_github)[1]
    assert [c["line"] for c in second["comments"]] == [15]
    assert second["commit_id"] == NEXT_HEAD
    assert len(fake_github.review_comments(PR)) == 2


def test_comments_are_ranked_by_severity_and_capped(fake_github: FakeGitHub) -> None:
    open_pull(fake_github)
    delta = report(
        threat("th-low", severity=Severity.LOW, start=6, end=6),
        threat("th-crit", severity=Severity.CRITICAL, start=16, end=17),
        threat("th-high", severity=Severity.HIGH, start=10, end=12),
    )
    result = publish(fake_github, delta, cap=2)
    [posted] = review_posts(fake_github)
    assert [c["line"] for c in posted["comments"]] == [16, 10]
    assert result.posted == ("th-crit", "th-high")
    assert [t.id for t in result.summarised] == ["th-low"]
    assert any(n.code == "review-inline-cap" for n in result.notifications)


def test_an_element_changed_below_its_decorator_is_anchored_on_its_first_changed_line(
    fake_github: FakeGitHub,
) -> None:
    open_pull(fake_github)
    publish(fake_github, report(threat("th-1", start=2, end=9)))
    [comment] = review_posts(fake_github)[0]["comments"]
    assert comment["line"] == 5


def test_no_changed_line_of_the_element_gives_a_file_level_thread(
    fake_github: FakeGitHub,
) -> None:
    open_pull(fake_github)
    result = publish(fake_github, report(threat("th-file", start=40, end=44)))
    [posted] = review_posts(fake_github)
    assert posted["comments"] == []
    [graphql] = fake_github.requests_to("POST", "/graphql")
    spec = graphql.json["variables"]["input"]
    assert (spec["path"], spec["subjectType"]) == (API, "FILE")
    [stored] = fake_github.review_comments(PR)
    assert stored["subject_type"] == "file"
    assert [r["state"] for r in fake_github.reviews(PR)] == ["COMMENTED"]
    assert result.posted == ("th-file",)


def test_a_threat_outside_the_changed_files_is_summarised_not_commented(
    fake_github: FakeGitHub,
) -> None:
    open_pull(fake_github)
    result = publish(fake_github, report(threat("th-far", path="app/other.py")))
    assert review_posts(fake_github) == []
    assert [t.id for t in result.summarised] == ["th-far"]
    assert any(n.code == "review-not-in-diff" for n in result.notifications)


def test_no_introduced_threat_posts_no_review(fake_github: FakeGitHub) -> None:
    open_pull(fake_github)
    result = publish(fake_github, report())
    assert fake_github.writes == []
    assert result.review_url is None


def test_writes_go_out_one_at_a_time(fake_github: FakeGitHub) -> None:
    open_pull(fake_github)
    fake_github.slow_writes(0.02)
    publish(fake_github, report(threat("th-1"), threat("th-2", path=API, start=40, end=41)))
    assert len(fake_github.writes) >= 3  # pending review, file thread, submit
    assert fake_github.max_concurrent_writes == 1


def _proven(patch: str, *edits: TextEdit, applicability: Applicability = Applicability.SAFE) -> Fix:
    return Fix(summary="Require a login", patch=patch, applicability=applicability, edits=edits)


def test_proven_patches_on_changed_lines_go_out_as_suggestions_and_others_as_diffs(
    fake_github: FakeGitHub,
) -> None:
    open_pull(fake_github)  # app/api.py lines 5-20 are "line <n>" in the diff
    header = f"--- a/{API}\n+++ b/{API}\n"
    insert = header + "@@ -8,2 +8,3 @@\n line 8\n+@login_required\n line 9\n"
    replace = header + "@@ -17,1 +17,1 @@\n-line 17\n+line 17  # checked\n"
    twice = header + "@@ -2,1 +2,2 @@\n line 2\n+import x\n@@ -9,1 +10,2 @@\n+@g\n line 9\n"
    publish(
        fake_github,
        report(
            threat(
                "th-fix",
                fix=_proven(insert, TextEdit(path=API, start=9, end=8, lines=("@login_required",))),
            ),
            threat(
                "th-one",
                start=16,
                end=18,
                fix=_proven(
                    replace,
                    TextEdit(path=API, start=17, end=17, lines=("line 17  # checked",)),
                    applicability=Applicability.UNSAFE,
                ),
            ),
            threat(
                "th-two",
                start=11,
                end=12,
                fix=_proven(
                    twice,
                    TextEdit(path=API, start=3, end=2, lines=("import x",)),
                    TextEdit(path=API, start=11, end=10, lines=("@g",)),
                ),
            ),
        ),
    )
    comments = {c["line"]: c for c in review_posts(fake_github)[0]["comments"]}
    assert set(comments) == {9, 17, 11}
    assert "start_line" not in comments[9]
    assert "```suggestion\n@login_required\nline 9\n```" in comments[9]["body"]
    assert "```suggestion\nline 17  # checked\n```" in comments[17]["body"]
    assert "**needs review**" in comments[17]["body"]
    assert "suggestion" not in comments[11]["body"]
    assert "```diff\n" + twice.rstrip("\n") + "\n```" in comments[11]["body"]
    assert "`threatdelta fix th-two --apply`" in comments[11]["body"]


def test_a_multi_line_replacement_suggestion_covers_its_range(fake_github: FakeGitHub) -> None:
    open_pull(fake_github)
    patch = f"--- a/{API}\n+++ b/{API}\n@@ -9,2 +9,1 @@\n-line 9\n-line 10\n+merged\n"
    edit = TextEdit(path=API, start=9, end=10, lines=("merged",))
    publish(fake_github, report(threat("th-fix", fix=_proven(patch, edit))))
    [comment] = review_posts(fake_github)[0]["comments"]
    assert (comment["start_line"], comment["start_side"], comment["line"]) == (9, "RIGHT", 10)
    assert "```suggestion\nmerged\n```" in comment["body"]


def test_a_second_run_with_the_same_patched_threat_posts_nothing_new(
    fake_github: FakeGitHub,
) -> None:
    open_pull(fake_github)
    patch = f"--- a/{API}\n+++ b/{API}\n@@ -9,1 +9,1 @@\n-line 9\n+fixed\n"
    patched = report(
        threat("th-fix", fix=_proven(patch, TextEdit(path=API, start=9, end=9, lines=("fixed",))))
    )
    first = publish(fake_github, patched)
    second = publish(fake_github, patched)
    assert (first.posted, second.posted, second.already) == (("th-fix",), (), ("th-fix",))
    assert len(review_posts(fake_github)) == 1


def test_hostile_repository_text_reaches_github_escaped(fake_github: FakeGitHub) -> None:
    open_pull(fake_github)
    hostile = threat("th-1", title="<script>x</script> @admin #1")
    publish(fake_github, report(hostile))
    [comment] = review_posts(fake_github)[0]["comments"]
    assert "<script>" not in comment["body"]
    assert "@admin" not in comment["body"]
    assert "#1" not in comment["body"]
