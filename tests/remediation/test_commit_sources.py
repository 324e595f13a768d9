"""A commit's files as remediation reads them: one file is looked up on its own, the commit
is listed only when every file is walked, and both views agree."""

from __future__ import annotations

from pathlib import Path

from git_repo import commit_all

from threatdelta.diff.git import open_repository
from threatdelta.diff.snapshot import candidate_entries
from threatdelta.extractors.registry import default_extractors
from threatdelta.remediation.commit_sources import CandidateFiles, CommitFragments, CommitSources


def _repository(root: Path) -> None:
    (root / "api").mkdir()
    (root / "api" / "app.py").write_text("from flask import Flask\napp = Flask(__name__)\n")
    (root / "api" / "notes.md").write_text("# Notes\n")
    (root / "node_modules" / "lib").mkdir(parents=True)
    (root / "node_modules" / "lib" / "index.js").write_text("module.exports = 1;\n")
    commit_all(root)


def test_looking_up_one_file_agrees_with_the_listing_of_the_commit(tmp_path: Path) -> None:
    _repository(tmp_path)
    extractors = default_extractors()
    with open_repository(tmp_path) as repo:
        commit = repo.resolve("HEAD")
        listed = {e.path: e for e in candidate_entries(repo, commit, extractors)}
        alone = CandidateFiles(repo, commit, extractors)
        assert alone.entry("api/app.py") == listed["api/app.py"]
        assert alone.entry("api/notes.md") is None  # no extractor reads it
        assert alone.entry("node_modules/lib/index.js") is None  # a skipped folder
        assert alone.entry("api/missing.py") is None
        assert alone.paths() == list(listed)
        assert alone.entry("api/app.py") == listed["api/app.py"]


def test_sources_and_fragments_read_a_file_without_listing_and_walk_every_file(
    tmp_path: Path,
) -> None:
    _repository(tmp_path)
    extractors = default_extractors()
    with open_repository(tmp_path) as repo:
        commit = repo.resolve("HEAD")
        files = CandidateFiles(repo, commit, extractors)
        sources = CommitSources(repo, files, 1_000_000)
        fragments = CommitFragments(lambda path: [], files)
        assert sources["api/app.py"].text.startswith("from flask import Flask")
        assert fragments["api/app.py"] == ()
        assert "api/notes.md" not in sources
        assert "api/notes.md" not in fragments
        assert list(sources) == list(fragments) == ["api/app.py"]
