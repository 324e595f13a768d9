"""The work tree `threatdelta fix --apply` writes to: a path is written only when it stays
inside the repository root (no symlink leading out), is clean in git (unless forced), and
still holds the text that was analysed; the write keeps the file's newline and byte-order
mark and replaces the file atomically."""

from __future__ import annotations

import contextlib
import hashlib
import os
import shutil
import tempfile
from pathlib import Path
from types import TracebackType
from typing import Any

_BOM = b"\xef\xbb\xbf"


def text_hash(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


def _open_git(root: Path) -> Any:
    try:
        import git  # noqa: PLC0415 (GitPython needs the git executable)
        from git.exc import InvalidGitRepositoryError, NoSuchPathError  # noqa: PLC0415
    except ImportError:
        return None
    try:
        return git.Repo(root, search_parent_directories=True)
    except (InvalidGitRepositoryError, NoSuchPathError):
        return None


class Workspace:
    """One repository root; use as a context manager (closes GitPython's processes)."""

    def __init__(self, root: Path) -> None:
        self.root = root.resolve()
        self._repo = _open_git(self.root)

    def __enter__(self) -> Workspace:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        if self._repo is not None:
            self._repo.close()

    @property
    def in_git(self) -> bool:
        return self._repo is not None

    def target(self, path: str) -> Path | str:
        """The file for a repository path, or why it may not be written."""
        joined = self.root / path
        resolved = Path(os.path.realpath(joined))
        if not resolved.is_relative_to(self.root) or resolved != Path(os.path.normpath(joined)):
            return f"{path} lies outside the repository root (or behind a symlink); not written"
        if not resolved.is_file():
            return f"{path} is not a regular file"
        return resolved

    def dirty(self, file: Path) -> bool:
        """Whether git shows the file modified, staged or untracked (False outside git)."""
        if self._repo is None:
            return False
        status: str = self._repo.git.status("--porcelain", "--", str(file))
        return bool(status.strip())

    def unchanged(self, path: str, analysed: str) -> str:
        """ "" when `path` still holds the `analysed` text, else why it may not be written."""
        target = self.target(path)
        if isinstance(target, str):
            return target
        try:
            current = target.read_bytes().decode("utf-8-sig")
        except (OSError, UnicodeDecodeError):
            return f"{path} can no longer be read as UTF-8 text; not written"
        if text_hash(current) != text_hash(analysed):
            return f"{path} changed since the analysis; not written"
        return ""

    def write(self, path: str, analysed: str, patched: str) -> str:
        """Write `patched` to `path` when it still holds `analysed` (checked right before
        the write); "" or why not."""
        target = self.target(path)
        reason = self.unchanged(path, analysed)
        if reason or isinstance(target, str):
            return reason or str(target)
        _replace(target, patched, target.read_bytes().startswith(_BOM))
        return ""


def _replace(target: Path, text: str, bom: bool) -> None:
    """Atomic replacement of `target`'s content, keeping its mode."""
    handle, temp = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".td")
    try:
        with open(handle, "w", encoding="utf-8-sig" if bom else "utf-8", newline="") as out:
            out.write(text)
        shutil.copymode(target, temp)
        os.replace(temp, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temp)
        raise
