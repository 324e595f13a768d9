"""The contents API backed by a real git repository (the test's "remote"): reads are
`git cat-file` of `<ref>:<path>`, a write is a real commit on the branch made with plumbing
(a private index, `commit-tree`, `update-ref`), so the new head sha is one the analysis can
read, as it would after `actions/checkout` of the pull request in a later run. The work tree
is never touched."""

from __future__ import annotations

import os
import subprocess
import tempfile
from pathlib import Path

_IDENTITY = {
    "GIT_AUTHOR_NAME": "github-actions[bot]",
    "GIT_AUTHOR_EMAIL": "41898282+github-actions[bot]@users.noreply.github.com",
    "GIT_COMMITTER_NAME": "GitHub",
    "GIT_COMMITTER_EMAIL": "noreply@github.com",
}


def _git(
    git_dir: str, *args: str, stdin: bytes | None = None, env: dict[str, str] | None = None
) -> str:
    done = subprocess.run(
        ["git", "-C", git_dir, *args],
        input=stdin,
        capture_output=True,
        env={**os.environ, **(env or {})},
        check=False,
    )
    if done.returncode != 0:
        raise LookupError(done.stderr.decode("utf-8", "replace"))
    return done.stdout.decode("utf-8")


def read(git_dir: str, ref: str, path: str) -> str | None:
    try:
        return _git(git_dir, "cat-file", "blob", f"{ref}:{path}")
    except LookupError:
        return None


def branch_sha(git_dir: str, branch: str) -> str:
    return _git(git_dir, "rev-parse", f"refs/heads/{branch}").strip()


def commit(git_dir: str, branch: str, path: str, text: str, message: str) -> tuple[str, str]:
    """Commit `text` as `path` on `branch`: (the new commit sha, its parent)."""
    parent = branch_sha(git_dir, branch)
    with tempfile.TemporaryDirectory() as tmp:
        env = {"GIT_INDEX_FILE": str(Path(tmp) / "index"), **_IDENTITY}
        _git(git_dir, "read-tree", parent, env=env)
        blob = _git(git_dir, "hash-object", "-w", "--stdin", stdin=text.encode()).strip()
        _git(git_dir, "update-index", "--add", "--cacheinfo", f"100644,{blob},{path}", env=env)
        tree = _git(git_dir, "write-tree", env=env).strip()
        sha = _git(git_dir, "commit-tree", tree, "-p", parent, "-m", message, env=env).strip()
    _git(git_dir, "update-ref", f"refs/heads/{branch}", sha, parent)
    return sha, parent
