"""Reading the repository: every file not read is named, nothing outside the root is read."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from threatdelta.errors import UsageError
from threatdelta.sources import ReadLimits, read_repository

PY = frozenset({".py"})


def _codes(result) -> dict[str | None, str]:  # type: ignore[no-untyped-def]
    return {n.path: n.code for n in result.notifications}


def test_reads_utf8_source_and_skips_dependency_folders(tmp_path: Path) -> None:
    (tmp_path / "app.py").write_text("x = 1\n")
    (tmp_path / "node_modules").mkdir()
    (tmp_path / "node_modules" / "lib.py").write_text("y = 2\n")
    result = read_repository(tmp_path, PY, ReadLimits())
    assert [f.path for f in result.files] == ["app.py"]
    assert result.notifications == ()


def test_binary_file_is_skipped_with_a_notification(tmp_path: Path) -> None:
    (tmp_path / "blob.py").write_bytes(b"\x00\x01\x02binary")
    result = read_repository(tmp_path, PY, ReadLimits())
    assert result.files == ()
    assert _codes(result)["blob.py"] == "binary-file"


def test_file_over_the_size_limit_is_skipped(tmp_path: Path) -> None:
    (tmp_path / "big.py").write_text("x = 1\n" * 100)
    result = read_repository(tmp_path, PY, ReadLimits(max_file_bytes=50))
    assert _codes(result)["big.py"] == "file-too-large"


def test_non_utf8_text_is_skipped_with_a_notification(tmp_path: Path) -> None:
    (tmp_path / "latin.py").write_bytes("name = 'café'\n".encode("latin-1"))
    result = read_repository(tmp_path, PY, ReadLimits())
    assert _codes(result)["latin.py"] == "not-utf8"


def test_symlink_leaving_the_repository_is_ignored(tmp_path: Path) -> None:
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "secret.py").write_text("KEY = 'x'\n")
    repo = tmp_path / "repo"
    repo.mkdir()
    os.symlink(outside / "secret.py", repo / "link.py")
    os.symlink(outside, repo / "linkdir")
    result = read_repository(repo, PY, ReadLimits())
    assert result.files == ()
    assert _codes(result) == {
        "link.py": "symlink-outside-repository",
        "linkdir": "symlink-outside-repository",
        None: "nothing-to-analyse",
    }


def test_empty_repository_says_there_was_nothing_to_analyse(tmp_path: Path) -> None:
    result = read_repository(tmp_path, PY, ReadLimits())
    assert [n.code for n in result.notifications] == ["nothing-to-analyse"]


def test_missing_path_is_a_usage_error(tmp_path: Path) -> None:
    with pytest.raises(UsageError, match="does not exist"):
        read_repository(tmp_path / "nope", PY, ReadLimits())


def test_file_budget_is_reported_not_silent(tmp_path: Path) -> None:
    for i in range(5):
        (tmp_path / f"m{i}.py").write_text("x = 1\n")
    result = read_repository(tmp_path, PY, ReadLimits(max_files=3))
    assert len(result.files) == 3
    assert [n.code for n in result.notifications] == ["budget-exhausted"]
