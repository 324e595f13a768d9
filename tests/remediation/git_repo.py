"""A throwaway git repository for `fix --apply` tests (no global config, no real $HOME)."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path


def git(root: Path, *args: str) -> None:
    env = {
        "GIT_AUTHOR_NAME": "t",
        "GIT_AUTHOR_EMAIL": "t@example.invalid",
        "GIT_COMMITTER_NAME": "t",
        "GIT_COMMITTER_EMAIL": "t@example.invalid",
        "HOME": str(root),
        "PATH": os.environ.get("PATH", ""),
        "GIT_CONFIG_NOSYSTEM": "1",
    }
    subprocess.run(["git", *args], cwd=root, env=env, check=True, capture_output=True)


def commit_all(root: Path) -> None:
    """`git init` in `root` and commit everything in it."""
    git(root, "init", "-q")
    git(root, "add", "-A", ".")
    git(root, "commit", "-q", "-m", "init")
