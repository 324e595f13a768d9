"""The change set of merge_base..head: statuses, paths, hunks, added lines and budgets."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from git_builder import RepoBuilder

from threatdelta.diff.changes import ChangeSet, DiffLimits, FileChange, SkipReason
from threatdelta.diff.collect import collect_changes
from threatdelta.diff.git import open_repository
from threatdelta.diff.git_objects import ChangeStatus
from threatdelta.diff.lines import LineSpan


@pytest.fixture
def builder(tmp_path: Path) -> RepoBuilder:
    return RepoBuilder(tmp_path / "repo")


def _changes(builder: RepoBuilder, base: str, limits: DiffLimits | None = None) -> ChangeSet:
    with open_repository(builder.path) as repo:
        return collect_changes(repo, repo.resolve_range(base, "HEAD"), limits)


def _only(changes: ChangeSet) -> FileChange:
    assert len(changes.files) == 1, changes.files
    return changes.files[0]


def _spans(*pairs: tuple[int, int]) -> tuple[LineSpan, ...]:
    return tuple(LineSpan(start=a, end=b) for a, b in pairs)


LINES = "".join(f"line {n}\n" for n in range(1, 11))


def test_modified_file_lists_the_changed_and_appended_head_lines(builder: RepoBuilder) -> None:
    builder.write("app.py", LINES)
    base = builder.commit()
    builder.write("app.py", LINES.replace("line 2\n", "LINE 2\n") + "line 11\nline 12\n")
    builder.commit()
    changes = _changes(builder, base)
    change = _only(changes)
    assert change.status is ChangeStatus.MODIFIED
    assert (change.old_path, change.new_path) == ("app.py", "app.py")
    assert change.added_lines == _spans((2, 2), (11, 12))
    assert [(h.old_start, h.old_length, h.new_start, h.new_length) for h in change.hunks] == [
        (2, 1, 2, 1),
        (10, 0, 11, 2),
    ]
    assert change.is_added_line(11) and not change.is_added_line(3)
    assert changes.complete and changes.notifications == ()


def test_diff_starts_at_the_merge_base_not_at_the_moved_base(builder: RepoBuilder) -> None:
    builder.write("app.py", LINES)
    builder.commit()
    builder.branch("feature")
    builder.write("feature.py", "x = 1\n")
    builder.commit()
    builder.checkout("main")
    builder.write("main_only.py", "y = 1\n")
    builder.commit()
    builder.checkout("feature")
    changes = _changes(builder, "main")
    assert [f.path for f in changes.files] == ["feature.py"]
    assert [n.code for n in changes.notifications] == ["base-moved"]


def test_added_and_deleted_files(builder: RepoBuilder) -> None:
    builder.write("old.py", "a\nb\n")
    base = builder.commit()
    builder.remove("old.py")
    builder.write("new.py", "x\ny\nz\n")
    builder.commit()
    by_status = {f.status: f for f in _changes(builder, base).files}
    added, deleted = by_status[ChangeStatus.ADDED], by_status[ChangeStatus.DELETED]
    assert (added.old_path, added.new_path, added.old_blob) == (None, "new.py", None)
    assert added.added_lines == _spans((1, 3))
    assert (deleted.old_path, deleted.new_path, deleted.new_blob) == ("old.py", None, None)
    assert deleted.added_lines == ()
    assert deleted.touches_base(1, 2) and deleted.path == "old.py"


def test_pure_rename_has_full_similarity_and_no_changed_lines(builder: RepoBuilder) -> None:
    builder.write("routes/users.py", LINES)
    base = builder.commit()
    builder.move("routes/users.py", "api/users.py")
    builder.commit()
    change = _only(_changes(builder, base))
    assert change.status is ChangeStatus.RENAMED
    assert (change.old_path, change.new_path, change.similarity) == (
        "routes/users.py",
        "api/users.py",
        100,
    )
    assert change.hunks == () and change.added_lines == ()
    assert change.old_blob == change.new_blob
    assert change.lines_known and not change.touches_head(1, 10)


def test_rename_with_edits_keeps_both_paths_and_only_the_edited_lines(
    builder: RepoBuilder,
) -> None:
    builder.write("routes/users.py", LINES)
    base = builder.commit()
    builder.move("routes/users.py", "api/users.py")
    builder.write("api/users.py", LINES.replace("line 5\n", "line five\n"))
    builder.commit()
    change = _only(_changes(builder, base))
    assert change.status is ChangeStatus.RENAMED
    assert (change.old_path, change.new_path) == ("routes/users.py", "api/users.py")
    assert change.similarity is not None and 50 <= change.similarity < 100
    assert change.added_lines == _spans((5, 5))


def test_copy_is_detected_when_asked(builder: RepoBuilder) -> None:
    builder.write("a.py", LINES)
    base = builder.commit()
    builder.write("b.py", LINES)
    builder.write("a.py", LINES + "line 11\n")
    builder.commit()
    changes = _changes(builder, base, DiffLimits(detect_copies=True))
    copied = next(f for f in changes.files if f.new_path == "b.py")
    assert copied.status is ChangeStatus.COPIED
    assert (copied.old_path, copied.similarity) == ("a.py", 100)


def test_binary_file_is_flagged_without_lines_and_noted(builder: RepoBuilder) -> None:
    builder.write("logo.png", b"\x89PNG\x00\x01\x02")
    base = builder.commit()
    builder.write("logo.png", b"\x89PNG\x00\x03\x04\x05")
    builder.commit()
    changes = _changes(builder, base)
    change = _only(changes)
    assert change.binary and change.hunks == () and not change.lines_known
    assert change.touches_head(1, 1)  # unknown lines count as touched
    assert [(n.code, n.path) for n in changes.notifications] == [("binary-file", "logo.png")]


def test_file_becoming_a_symbolic_link_is_a_type_change(builder: RepoBuilder) -> None:
    builder.write("config.py", "a\nb\n")
    builder.write("real.py", "x\n")
    base = builder.commit()
    (builder.path / "config.py").unlink()
    os.symlink("real.py", builder.path / "config.py")
    builder.commit()
    change = _only(_changes(builder, base))
    assert change.status is ChangeStatus.TYPE_CHANGED
    assert (change.old_mode, change.new_mode) == ("100644", "120000")
    assert change.added_lines == _spans((1, 1))
    assert change.touches_base(1, 2)


UNUSUAL_NAMES = (
    "with space.py",
    "a b/c.py",  # a folder whose name makes `diff --git a/a b/c.py b/a b/c.py` ambiguous
    'say "hi".py',
    "back\\slash.py",
    "\u00fcn\u00efc\u00f8d\u00e9/\u540d\u524d.py",
    "tab\there.py",
    "new\nline.py",
    "-leading-dash.py",
)


def test_unusual_file_names_keep_their_exact_paths_and_lines(builder: RepoBuilder) -> None:
    for name in UNUSUAL_NAMES:
        builder.write(name, LINES)
    base = builder.commit()
    for name in UNUSUAL_NAMES:
        builder.write(name, LINES.replace("line 7\n", f"changed {name!r}\n"))
    builder.move("with space.py", "moved with space.py")
    builder.commit()
    changes = _changes(builder, base)
    assert changes.complete and changes.notifications == ()
    by_path = {f.path: f for f in changes.files}
    expected = {n for n in UNUSUAL_NAMES if n != "with space.py"} | {"moved with space.py"}
    assert set(by_path) == expected
    for change in by_path.values():
        assert change.added_lines == _spans((7, 7)), change.path
    assert by_path["moved with space.py"].old_path == "with space.py"


def test_content_that_looks_like_diff_headers_is_not_confused_for_them(
    builder: RepoBuilder,
) -> None:
    builder.write("a.txt", "x\n")
    builder.write("b.txt", "y\n")
    base = builder.commit()
    builder.write("a.txt", "x\ndiff --git a/b.txt b/b.txt\n--- a/b.txt\n+++ b/b.txt\n@@ -1 +1 @@\n")
    builder.write("b.txt", "y\r\nwindows\r\nno newline at end")
    builder.commit()
    files = {f.path: f for f in _changes(builder, base).files}
    assert files["a.txt"].added_lines == _spans((2, 5))
    assert files["b.txt"].added_lines == _spans((1, 3))


def test_deletion_inside_a_span_touches_it_but_not_one_before(builder: RepoBuilder) -> None:
    builder.write("app.py", LINES)
    base = builder.commit()
    builder.write("app.py", LINES.replace("line 6\n", ""))
    builder.commit()
    change = _only(_changes(builder, base))
    assert change.added_lines == ()
    assert change.touches_head(4, 8)  # lines 5 and (old) 7 are now neighbours inside it
    assert not change.touches_head(1, 3)
    assert change.touches_base(6, 6) and not change.touches_base(1, 5)


def test_submodule_change_is_reported_not_analysed(builder: RepoBuilder) -> None:
    builder.write("app.py", "x = 1\n")
    builder.record_submodule("vendor/lib", "1" * 40)
    base = builder.commit_index("add submodule")
    builder.record_submodule("vendor/lib", "2" * 40)
    builder.commit_index("bump submodule")
    changes = _changes(builder, base)
    assert changes.files == ()
    [sub] = changes.submodules
    assert (sub.path, sub.status, sub.old_commit, sub.new_commit) == (
        "vendor/lib",
        ChangeStatus.MODIFIED,
        "1" * 40,
        "2" * 40,
    )
    assert [(n.code, n.path) for n in changes.notifications] == [
        ("submodule-not-analysed", "vendor/lib")
    ]


def test_huge_file_diff_is_skipped_with_a_notification_and_the_rest_analysed(
    builder: RepoBuilder,
) -> None:
    builder.write("small.py", "x = 1\n")
    base = builder.commit()
    builder.write("generated.js", "var x = 1;\n" * 5_000)
    builder.write("small.py", "x = 2\n")
    builder.commit()
    changes = _changes(builder, base, DiffLimits(max_file_patch_bytes=10_000))
    files = {f.path: f for f in changes.files}
    assert files["generated.js"].skipped is SkipReason.TOO_LARGE
    assert files["generated.js"].touches_head(1, 1)
    assert files["small.py"].skipped is None and files["small.py"].added_lines == _spans((1, 1))
    assert not changes.complete
    assert [(n.code, n.path) for n in changes.notifications] == [("diff-too-large", "generated.js")]


def test_byte_budget_lists_the_files_it_left_out(builder: RepoBuilder) -> None:
    base = builder.commit("empty")
    builder.write_many({f"f{n}.py": "x = 1\n" * 50 for n in range(6)})
    builder.commit()
    changes = _changes(builder, base, DiffLimits(max_patch_bytes=1_000))
    skipped = [f.path for f in changes.skipped]
    assert 0 < len(skipped) < 6
    assert {f.skipped for f in changes.skipped} == {SkipReason.BYTE_BUDGET}
    assert len(changes.files) == 6
    [note] = changes.notifications
    assert note.code == "diff-byte-budget" and f"{len(skipped)} changed file(s)" in note.message


def test_file_budget_counts_and_lists_the_skipped_files(builder: RepoBuilder) -> None:
    base = builder.commit("empty")
    builder.write_many({f"f{n}.py": f"x = {n}\n" for n in range(5)})
    builder.commit()
    changes = _changes(builder, base, DiffLimits(max_files=3))
    assert [f.path for f in changes.skipped] == ["f3.py", "f4.py"]
    assert all(f.added_lines == _spans((1, 1)) for f in changes.files[:3])
    [note] = changes.notifications
    assert note.code == "diff-file-budget"
    assert "5 files" in note.message and "2 file(s) were not analysed" in note.message


def test_a_diff_of_10001_files_hits_the_default_budget(builder: RepoBuilder) -> None:
    base = builder.commit("empty")
    builder.commit_files_directly({f"f{n:05d}.txt": b"%d\n" % n for n in range(10_001)})
    changes = _changes(builder, base)
    assert len(changes.files) == 10_001
    assert [f.path for f in changes.skipped] == ["f10000.txt"]
    assert changes.files[9_999].added_lines == _spans((1, 1))
    assert not changes.complete
    [note] = changes.notifications
    assert note.code == "diff-file-budget"
    assert "10001 files" in note.message and "1 file(s) were not analysed" in note.message
