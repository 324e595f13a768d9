"""The README and architecture documents read for the analyst's business context."""

from __future__ import annotations

from pathlib import Path

from threatdelta.llm.documents import read_documents


def test_reads_readmes_and_architecture_documents_only(tmp_path: Path) -> None:
    (tmp_path / "README.md").write_text("# Shop\n", encoding="utf-8")
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "architecture.md").write_text("arch", encoding="utf-8")
    (tmp_path / "api").mkdir()
    (tmp_path / "api" / "README.rst").write_text("api", encoding="utf-8")
    (tmp_path / "api" / "app.py").write_text("x = 1", encoding="utf-8")
    (tmp_path / "CHANGELOG.md").write_text("log", encoding="utf-8")
    assert read_documents(tmp_path) == {
        "README.md": "# Shop\n",
        "docs/architecture.md": "arch",
        "api/README.rst": "api",
    }


def test_skips_links_large_and_binary_files(tmp_path: Path) -> None:
    outside = tmp_path / "outside.md"
    outside.write_text("secret", encoding="utf-8")
    repo = tmp_path / "repo"
    repo.mkdir()
    (repo / "README.md").symlink_to(outside)
    (repo / "ARCHITECTURE.md").write_text("x" * 100, encoding="utf-8")
    (repo / "README.txt").write_bytes(b"\0binary")
    assert read_documents(repo, max_bytes=50) == {}


def test_missing_folder_reads_nothing(tmp_path: Path) -> None:
    assert read_documents(tmp_path / "nope") == {}
