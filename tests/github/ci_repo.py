"""A pull request in a git repository under tmp_path, built from fixtures/demo-pr the way
`threatdelta demo` builds it: `main` holds fixture/base, the head commit adds fixture/pr."""

from __future__ import annotations

import shutil
from pathlib import Path

import git

from threatdelta.model.base import Frozen

DEMO_PR = Path(__file__).resolve().parents[2] / "fixtures" / "demo-pr"


class PrRepository(Frozen):
    path: Path
    base_sha: str
    head_sha: str


def _write(root: Path, files: dict[str, str]) -> None:
    for rel, text in files.items():
        target = root / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")


def _commit(repo: git.Repo, message: str) -> str:
    repo.git.add("--all")
    repo.git.commit("--quiet", "--no-verify", "--allow-empty", "-m", message)
    return repo.head.commit.hexsha


def build_pr_repository(
    where: Path,
    *,
    base_files: dict[str, str] | None = None,
    head_files: dict[str, str] | None = None,
    with_change: bool = True,
) -> PrRepository:
    """`with_change=False` leaves the fixture's PR files out (a change with no relevance)."""
    shutil.copytree(DEMO_PR / "base", where, symlinks=False)
    _write(where, base_files or {})
    repo = git.Repo.init(where, initial_branch="main")
    with repo.config_writer() as config:
        config.set_value("user", "name", "Test Author")
        config.set_value("user", "email", "author@example.invalid")
        config.set_value("commit", "gpgsign", "false")
    base = _commit(repo, "Corner shop API")
    repo.git.checkout("--quiet", "-b", "bulk-import")
    if with_change:
        shutil.copytree(DEMO_PR / "pr", where, dirs_exist_ok=True, symlinks=False)
    _write(where, head_files or {})
    head = _commit(repo, "Import customers in bulk")
    repo.close()
    return PrRepository(path=where, base_sha=base, head_sha=head)


def pull_files(pr: PrRepository) -> list[dict[str, str]]:
    """The pull request's files as GitHub's `GET /pulls/{n}/files` lists them: each with the
    `patch` (the unified diff from the first hunk header on)."""
    repo = git.Repo(pr.path)
    try:
        names = repo.git.diff("--name-only", pr.base_sha, pr.head_sha).splitlines()
        files = []
        for name in names:
            diff = repo.git.diff(pr.base_sha, pr.head_sha, "--", name)
            patch = diff[diff.index("@@") :] if "@@" in diff else ""
            files.append({"filename": name, "patch": patch})
        return files
    finally:
        repo.close()
