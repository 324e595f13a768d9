"""`threatdelta demo`: a pull request threat-modelled end to end, offline, no key.

Builds a git repository in a temporary folder from a fixture (`base/` is the main branch,
`pr/` the files the pull request writes), runs the diff pipeline on it and prints the PR
summary. Nothing from the fixture is executed."""

from __future__ import annotations

import argparse
import shutil
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

from threatdelta.errors import UsageError
from threatdelta.pipeline import diff

DEFAULT_FIXTURE = Path("fixtures") / "demo-pr"


def add_demo_parser(sub: argparse._SubParsersAction[Any]) -> None:
    p = sub.add_parser("demo", help="threat-model a bundled pull request (offline, no key)")
    p.add_argument(
        "--fixture",
        default=str(DEFAULT_FIXTURE),
        help="folder with base/ and pr/ (default fixtures/demo-pr)",
    )
    p.add_argument("--format", choices=("markdown", "text", "json"), default="markdown")


def _commit_all(repo: Any, message: str) -> None:
    repo.git.add("--all")
    repo.git.commit("--quiet", "--no-verify", "-m", message)


def build_demo_repository(fixture: Path, where: Path) -> Path:
    """A repository at `where` with `main` from fixture/base and `pr` adding fixture/pr."""
    import git  # noqa: PLC0415 (GitPython needs git at import time)

    base, change = fixture / "base", fixture / "pr"
    if not base.is_dir() or not change.is_dir():
        raise UsageError(f"{fixture} must hold base/ and pr/ folders")
    shutil.copytree(base, where, symlinks=False)
    repo = git.Repo.init(where, initial_branch="main")
    with repo.config_writer() as config:
        config.set_value("user", "name", "threatdelta demo")
        config.set_value("user", "email", "demo@threatdelta.invalid")
        config.set_value("commit", "gpgsign", "false")
    _commit_all(repo, "Corner shop API")
    repo.git.checkout("--quiet", "-b", "pr")
    shutil.copytree(change, where, dirs_exist_ok=True, symlinks=False)
    _commit_all(repo, "Import customers in bulk; store SSN and password hash")
    repo.close()
    return where


def run_demo(args: argparse.Namespace, emit: Callable[[str, str | None], None]) -> int:
    from threatdelta.reporters.delta_registry import DIFF_FORMATS  # noqa: PLC0415

    with tempfile.TemporaryDirectory(prefix="threatdelta-demo-") as tmp:
        repo = build_demo_repository(Path(args.fixture), Path(tmp) / "repo")
        report = diff(repo, "main", "pr", use_cache=False)
        emit(DIFF_FORMATS[args.format](report), None)
    return 0
