"""Where an inline comment anchors: the decorator line or first changed line of the element,
a suggestion's exact range, a file-level comment, or nowhere."""

from __future__ import annotations

import pytest
from review_samples import API, commentable, threat

from threatdelta.diff.delta import CommentableFile
from threatdelta.findings.edit import TextEdit
from threatdelta.findings.threat import Applicability, Fix
from threatdelta.github.review_anchor import (
    MAX_SUGGESTION_LINES,
    Anchor,
    anchor_for,
    head_lines,
)
from threatdelta.model.base import Evidence, EvidenceRole, Location

FILES = {f.path: f for f in commentable()}  # app/api.py: lines 5-20 in one hunk


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


def proven(*edits: TextEdit, context: dict[int, str] | None = None) -> Fix:
    """A proven patch: its edits, and a unified diff showing `context` as head lines."""
    shown = context or {}
    first = min(shown, default=1)
    body = "".join(f" {shown[n]}\n" for n in sorted(shown))
    diff = f"--- a/{API}\n+++ b/{API}\n@@ -{first},{len(shown)} +{first},{len(shown)} @@\n{body}"
    return Fix(summary="guard it", patch=diff, applicability=Applicability.SAFE, edits=edits)


def test_a_single_edit_on_changed_evidence_lines_becomes_a_range_suggestion() -> None:
    fix = proven(TextEdit(path=API, start=9, end=10, lines=("@login_required", "a", "b")))
    found = anchor_for(threat("t", fix=fix), FILES)
    assert found == Anchor(
        path=API, line=10, start_line=9, suggestion=("@login_required", "a", "b")
    )


def test_a_one_line_edit_has_no_start_line() -> None:
    found = anchor_for(
        threat("t", fix=proven(TextEdit(path=API, start=12, end=12, lines=("y",)))), FILES
    )
    assert found == Anchor(path=API, line=12, suggestion=("y",))


def test_a_deletion_suggests_no_lines() -> None:
    found = anchor_for(threat("t", fix=proven(TextEdit(path=API, start=11, end=12))), FILES)
    assert found == Anchor(path=API, line=12, start_line=11, suggestion=())


def test_an_insertion_before_a_changed_evidence_line_suggests_inserted_lines_then_that_line() -> (
    None
):
    fix = proven(
        TextEdit(path=API, start=9, end=8, lines=("@login_required",)),
        context={8: '@app.route("/users", methods=["POST"])', 9: "def create_user():"},
    )
    found = anchor_for(threat("t", fix=fix), FILES)
    assert found == Anchor(path=API, line=9, suggestion=("@login_required", "def create_user():"))


def test_an_insertion_after_the_last_evidence_line_suggests_that_line_then_inserted_lines() -> None:
    fix = proven(
        TextEdit(path=API, start=14, end=13, lines=("    audit.info('x')",)),
        context={13: "    return x", 14: ""},
    )
    found = anchor_for(threat("t", start=8, end=13, fix=fix), FILES)
    assert found == Anchor(path=API, line=13, suggestion=("    return x", "    audit.info('x')"))


def test_a_crlf_patch_gives_neighbour_lines_without_carriage_returns() -> None:
    fix = proven(TextEdit(path=API, start=9, end=8, lines=("@guard",)), context={9: "def f():"})
    crlf = fix.model_copy(update={"patch": (fix.patch or "").replace("\n", "\r\n")})
    found = anchor_for(threat("t", fix=crlf), FILES)
    assert found == Anchor(path=API, line=9, suggestion=("@guard", "def f():"))


def test_an_insertion_whose_neighbours_are_not_in_the_patch_gets_no_suggestion() -> None:
    fix = proven(TextEdit(path=API, start=9, end=8, lines=("@guard",)), context={30: "x"})
    assert anchor_for(threat("t", fix=fix), FILES) == Anchor(path=API, line=8)


@pytest.mark.parametrize(
    "edits",
    [
        (TextEdit(path=API, start=19, end=21, lines=("z",)),),  # runs past the hunk (5-20)
        (TextEdit(path="app/other.py", start=9, end=9, lines=("b",)),),  # another file
        (TextEdit(path=API, start=2, end=2, lines=("b",)),),  # outside the diff
        (TextEdit(path=API, start=15, end=15, lines=("b",)),),  # off the evidence (8-13)
        (  # two edits
            TextEdit(path=API, start=9, end=9, lines=("b",)),
            TextEdit(path=API, start=11, end=11, lines=("d",)),
        ),
        (TextEdit(path=API, start=9, end=9, lines=("x = '\u202e'",)),),  # reordering char
        (TextEdit(path=API, start=3, end=2, lines=("import x",)),),  # insertion off the diff
    ],
)
def test_a_patch_that_does_not_fit_exactly_gives_no_suggestion(
    edits: tuple[TextEdit, ...],
) -> None:
    fix = proven(*edits, context={n: f"line {n}" for n in range(1, 22)})
    assert anchor_for(threat("t", fix=fix), FILES) == Anchor(path=API, line=8)


def test_a_patch_without_edits_gives_no_suggestion() -> None:
    fix = Fix(summary="s", patch=f"--- a/{API}\n+++ b/{API}\n@@ -9,1 +9,1 @@\n-a\n+b\n")
    assert anchor_for(threat("t", fix=fix), FILES) == Anchor(path=API, line=8)


def test_head_lines_reads_context_and_removed_lines_by_head_number() -> None:
    text = "--- a/x.py\n+++ b/x.py\n@@ -3,3 +3,3 @@\n keep\n-old\n+new\n keep2\n"
    assert head_lines(text, "x.py") == {3: "keep", 4: "old", 5: "keep2"}
    assert head_lines(text, "y.py") == {}


def test_a_suggestion_too_long_for_a_comment_is_not_made() -> None:
    lines = tuple(f"x{n} = {'y' * 80}" for n in range(MAX_SUGGESTION_LINES))
    fix = proven(TextEdit(path=API, start=9, end=10, lines=lines))
    assert anchor_for(threat("t", fix=fix), FILES) == Anchor(path=API, line=8)
