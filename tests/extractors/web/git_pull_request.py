"""A pull request in a temporary git repository, diffed through `threatdelta.pipeline.diff`:
the base tree committed on `main`, the change on `feature`, left checked out."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

import git
import pytest

from threatdelta.diff.delta import ChangeKind, DeltaReport
from threatdelta.pipeline import diff

_GIT_VARIABLES = ("GIT_DIR", "GIT_WORK_TREE", "GIT_INDEX_FILE", "GIT_CONFIG", "GIT_CONFIG_COUNT")


def isolate_git(monkeypatch: pytest.MonkeyPatch) -> None:
    """Git sees only the repository the test builds: no inherited GIT_* variables and no
    system configuration (HOME is already a temporary folder)."""
    for name in _GIT_VARIABLES:
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("GIT_CONFIG_NOSYSTEM", "1")


def _write(root: Path, files: Mapping[str, str]) -> None:
    for rel, text in files.items():
        target = root / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")


def diff_pull_request(
    tmp_path: Path, base: Mapping[str, str], change: Mapping[str, str]
) -> DeltaReport:
    """`threatdelta diff --base main` of a pull request that writes `change` over `base`."""
    path = tmp_path / "repo"
    path.mkdir()
    repo = git.Repo.init(path, initial_branch="main")
    with repo.config_writer() as config:
        config.set_value("user", "name", "Test Author")
        config.set_value("user", "email", "author@example.invalid")
        config.set_value("commit", "gpgsign", "false")
    _write(path, base)
    repo.git.add("-A")
    repo.git.commit("-q", "-m", "base")
    repo.git.checkout("-q", "-b", "feature")
    _write(path, change)
    repo.git.add("-A")
    repo.git.commit("-q", "-m", "pull request")
    return diff(path, "main", cache_dir=tmp_path / "cache")


def dependents(report: DeltaReport) -> dict[str, str]:
    """Element key -> reason, for the elements affected as dependents."""
    return {a.key: a.reason for a in report.affected if a.change is ChangeKind.DEPENDENT}


def changes(report: DeltaReport) -> dict[str, ChangeKind]:
    return {a.key: a.change for a in report.affected}
