"""Line hashes are computed from file text in a step before rendering, never outside the
repository, and are simply absent when a file or line is unavailable."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from report_samples import API, API_TEXT, ODD, ODD_TEXT, sample_report, write_project

from threatdelta.reporters.sarif_fingerprints import (
    compute_line_hashes,
    line_hashes_for_repository,
    primary_lines,
    read_sources,
)
from threatdelta.reporters.sarif_line_hash import line_hashes


def test_hash_of_each_primary_line_comes_from_its_file_text() -> None:
    report = sample_report()
    hashes = compute_line_hashes(report, {API: API_TEXT}).lookup()
    expected = line_hashes(API_TEXT)
    assert hashes[(API, 12)] == expected[11]
    assert hashes[(API, 8)] == expected[7]
    assert hashes[(API, 16)] == expected[15]
    assert all(path == API for path, _ in hashes)  # no text given for the other file


def test_primary_lines_are_the_first_evidence_of_each_threat_once() -> None:
    report = sample_report()
    places = primary_lines(report)
    assert len(places) == len(set(places))
    assert set(places) == {
        (t.evidence[0].location.path, t.evidence[0].location.start_line) for t in report.threats
    }


def test_line_beyond_the_end_of_the_file_gets_no_hash() -> None:
    report = sample_report()
    hashes = compute_line_hashes(report, {API: "only one line\n"}).lookup()
    assert hashes == {}


def test_repository_files_are_read_and_hashed(tmp_path: Path) -> None:
    write_project(tmp_path)
    hashes = line_hashes_for_repository(sample_report(), tmp_path).lookup()
    assert hashes[(ODD, 1)] == line_hashes(ODD_TEXT)[0]
    assert hashes[(API, 12)] == line_hashes(API_TEXT)[11]


def test_byte_order_mark_and_bad_bytes_are_kept_as_codeql_action_reads_them(
    tmp_path: Path,
) -> None:
    (tmp_path / "a.py").write_bytes(b"\xef\xbb\xbfx = 1\n\xff\n")
    assert read_sources(tmp_path, ["a.py"]) == {"a.py": "\ufeffx = 1\n\ufffd\n"}


def test_paths_leaving_the_repository_are_not_read(tmp_path: Path) -> None:
    repo = tmp_path / "repo"
    repo.mkdir()
    (tmp_path / "secret.txt").write_text("outside\n", encoding="utf-8")
    os.symlink(tmp_path / "secret.txt", repo / "link.py")
    paths = ["../secret.txt", str(tmp_path / "secret.txt"), "link.py", "missing.py", "."]
    assert read_sources(repo, paths) == {}


def test_symlink_inside_the_repository_is_followed(tmp_path: Path) -> None:
    (tmp_path / "real.py").write_text("a = 1\n", encoding="utf-8")
    os.symlink(tmp_path / "real.py", tmp_path / "alias.py")
    assert read_sources(tmp_path, ["alias.py"]) == {"alias.py": "a = 1\n"}


@pytest.mark.parametrize("size", [11, 10])
def test_files_over_the_size_limit_are_skipped(tmp_path: Path, size: int) -> None:
    (tmp_path / "big.py").write_text("x" * 10 + "\n", encoding="utf-8")
    texts = read_sources(tmp_path, ["big.py"], max_bytes=size)
    assert ("big.py" in texts) is (size == 11)
