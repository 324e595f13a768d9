"""Parsers of git output and of patch sections, on exact bytes."""

from __future__ import annotations

import pytest

from threatdelta.diff.git_objects import ChangeStatus, RawChange
from threatdelta.diff.git_output import (
    count_status,
    parse_raw,
    parse_tree,
    patch_header,
    quote_path,
)
from threatdelta.diff.lines import Hunk, LineSpan, spans_of
from threatdelta.diff.patch import parse_section, split_sections

BLOB_A = "a" * 40
BLOB_B = "b" * 40
ZERO = "0" * 40


def test_raw_records_with_renames_additions_and_odd_names() -> None:
    data = (
        f":100644 100644 {BLOB_A} {BLOB_B} R087\0old name.py\0new\nname.py\0"
        f":000000 100644 {ZERO} {BLOB_B} A\0added.py\0"
        f":100644 000000 {BLOB_A} {ZERO} D\0gone.py\0"
    ).encode()
    renamed, added, deleted = parse_raw(data)
    assert renamed.status is ChangeStatus.RENAMED and renamed.score == 87
    assert (renamed.old_path, renamed.new_path) == (b"old name.py", b"new\nname.py")
    assert (added.old_path, added.old_mode, added.old_blob) == (None, None, None)
    assert (added.new_path, added.new_blob) == (b"added.py", BLOB_B)
    assert (deleted.new_path, deleted.new_mode) == (None, None)


@pytest.mark.parametrize(
    "data",
    [
        b":100644 100644 abc M\0x\0",  # too few fields
        f":100644 100644 {BLOB_A} {BLOB_B} U\0x\0".encode(),  # unmerged: not a commit diff
        f":100644 100644 {BLOB_A} {BLOB_B} R100\0only-one-path\0".encode(),
    ],
)
def test_malformed_raw_output_is_a_value_error(data: bytes) -> None:
    with pytest.raises(ValueError):
        parse_raw(data)


def test_tree_listing_keeps_blobs_and_drops_submodules() -> None:
    data = (
        f"100644 blob {BLOB_A}      12\tsrc/a b.py\0"
        f"160000 commit {BLOB_B}       -\tvendor/lib\0"
        f"120000 blob {BLOB_B}       5\tlink\0"
    ).encode()
    entries = parse_tree(data)
    assert [(e.path, e.size, e.is_symlink) for e in entries] == [
        ("src/a b.py", 12, False),
        ("link", 5, True),
    ]


def test_status_counts_tracked_changes_once_per_rename_and_untracked_apart() -> None:
    data = b" M a.py\0R  new.py\0old.py\0?? scratch.txt\0A  added.py\0"
    assert count_status(data) == (3, 1)


@pytest.mark.parametrize(
    ("path", "expected"),
    [
        (b"plain.py", b"a/plain.py"),
        (b"with space.py", b"a/with space.py"),
        ("\u00fcn\u00efc\u00f8d\u00e9.py".encode(), "a/\u00fcn\u00efc\u00f8d\u00e9.py".encode()),
        (b'say "hi".py', b'"a/say \\"hi\\".py"'),
        (b"tab\there", b'"a/tab\\there"'),
        (b"bell\x07\x01", b'"a/bell\\a\\001"'),
        (b"back\\slash", b'"a/back\\\\slash"'),
    ],
)
def test_paths_are_quoted_the_way_git_quotes_them(path: bytes, expected: bytes) -> None:
    assert quote_path(b"a/", path) == expected


def test_patch_header_of_a_rename_names_both_sides() -> None:
    change = RawChange(status=ChangeStatus.RENAMED, old_path=b"x y.py", new_path=b'q"z.py')
    assert patch_header(change) == b'diff --git a/x y.py "b/q\\"z.py"'


SECTIONS = [
    b"diff --git a/one.py b/one.py\n",
    b"index 1111111..2222222 100644\n",
    b"--- a/one.py\n",
    b"+++ b/one.py\n",
    b"@@ -3,0 +4,2 @@\n",
    b"+a\n",
    b"+b\n",
    b"diff --git a/img.png b/img.png\n",
    b"index 1111111..2222222 100644\n",
    b"Binary files a/img.png and b/img.png differ\n",
]


def test_sections_split_at_each_file_and_parse_into_hunks_and_added_lines() -> None:
    one, img = split_sections(SECTIONS, max_section_bytes=10_000)
    assert one.header == b"diff --git a/one.py b/one.py"
    parsed = parse_section(one.text or "")
    assert parsed.hunks == (Hunk(old_start=3, old_length=0, new_start=4, new_length=2),)
    assert parsed.added == (LineSpan(start=4, end=5),)
    assert parse_section(img.text or "").binary


def test_a_section_over_the_cap_is_measured_but_not_kept() -> None:
    one, img = split_sections(SECTIONS, max_section_bytes=106)  # one: 107, img: 105
    assert one.text is None and one.size == sum(len(line) for line in SECTIONS[:7])
    assert img.text is not None


def test_output_not_starting_with_a_section_is_a_value_error() -> None:
    with pytest.raises(ValueError):
        list(split_sections([b"garbage\n"], max_section_bytes=100))


def test_a_hunk_shorter_than_its_header_says_is_a_value_error() -> None:
    text = "diff --git a/x b/x\n--- a/x\n+++ b/x\n@@ -1,0 +1,3 @@\n+only one\n"
    with pytest.raises(ValueError, match="malformed"):
        parse_section(text)


def test_spans_merge_consecutive_lines() -> None:
    assert spans_of([5, 1, 2, 3, 9, 2]) == (
        LineSpan(start=1, end=3),
        LineSpan(start=5, end=5),
        LineSpan(start=9, end=9),
    )
    assert spans_of([]) == ()
