"""Where an inline comment anchors: the decorator line or first changed line of the element,
a suggestion's exact range, a file-level comment, or nowhere."""

from __future__ import annotations

import pytest
from review_samples import API, commentable, threat

from threatdelta.diff.delta import CommentableFile
from threatdelta.findings.threat import Fix
from threatdelta.github.review_anchor import Anchor, anchor_for, parse_replacement
from threatdelta.model.base import Evidence, EvidenceRole, Location

FILES = {f.path: f for f in commentable()}  # app/api.py: lines 5-20 in one hunk


def patch(start: int, old: list[str], new: list[str], path: str = API) -> str:
    head = f"--- a/{path}\n+++ b/{path}\n@@ -{start},{len(old)} +{start},{len(new)} @@\n"
    return head + "".join(f"-{t}\n" for t in old) + "".join(f"+{t}\n" for t in new)


def test_the_decorator_line_is_the_anchor_when_it_changed() -> None:
    assert anchor_for(threat("t", start=8, end=13), FILES) == Anchor(path=API, line=8)


def test_the_first_changed_line_is_the_anchor_when_the_decorator_did_not_change() -> None:
    assert anchor_for(threat("t", start=1, end=9), FILES) == Anchor(path=API, line=5)


def test_no_changed_line_of_the_element_gives_a_file_level_anchor() -> None:
    assert anchor_for(threat("t", start=30, end=35), FILES) == Anchor(path=API)


def test_a_file_whose_lines_are_unknown_gives_a_file_level_anchor() -> None:
    files = {API: CommentableFile(path=API, lines_known=False)}
    assert anchor_for(threat("t"), files) == Anchor(path=API)


def test_evidence_outside_the_changed_files_gives_no_anchor() -> None:
    assert anchor_for(threat("t", path="lib/other.py"), FILES) is None


def test_a_line_of_secondary_evidence_beats_a_file_level_primary() -> None:
    spec = Evidence(
        location=Location(path="app/models.py", start_line=31, end_line=31), role=EvidenceRole.SPEC
    )
    found = anchor_for(threat("t", start=40, end=41, extra=(spec,)), FILES)
    assert found == Anchor(path="app/models.py", line=31)


def test_a_patch_inside_the_hunk_becomes_a_range_suggestion() -> None:
    fix = Fix(summary="guard it", patch=patch(9, ["a", "b"], ["@login_required", "a", "b"]))
    found = anchor_for(threat("t", fix=fix), FILES)
    assert found == Anchor(path=API, line=10, start_line=9, suggestion="@login_required\na\nb")


def test_a_one_line_patch_has_no_start_line() -> None:
    fix = Fix(summary="s", patch=patch(12, ["x"], ["y"]))
    found = anchor_for(threat("t", fix=fix), FILES)
    assert found == Anchor(path=API, line=12, suggestion="y")


@pytest.mark.parametrize(
    "fix_patch",
    [
        patch(19, ["a", "b", "c"], ["z"]),  # runs past the hunk (5-20)
        patch(9, ["a"], ["b"], path="app/other.py"),  # another file
        patch(2, ["a"], ["b"]),  # outside the diff
        patch(9, ["a"], ["b"]) + "@@ -15,1 +15,1 @@\n-c\n+d\n",  # two hunks
        "not a patch",
    ],
)
def test_a_patch_that_does_not_fit_exactly_gives_no_suggestion(fix_patch: str) -> None:
    found = anchor_for(threat("t", fix=Fix(summary="s", patch=fix_patch)), FILES)
    assert found == Anchor(path=API, line=8)


def test_parse_replacement_reads_context_lines_as_part_of_the_range() -> None:
    text = "--- a/x.py\n+++ b/x.py\n@@ -3,3 +3,3 @@\n keep\n-old\n+new\n keep2\n"
    rep = parse_replacement(text)
    assert rep is not None
    assert (rep.path, rep.start, rep.end, rep.text) == ("x.py", 3, 5, "keep\nnew\nkeep2")


def test_parse_replacement_refuses_a_pure_deletion() -> None:
    assert parse_replacement("--- a/x.py\n+++ b/x.py\n@@ -3,1 +2,0 @@\n-old\n") is None
