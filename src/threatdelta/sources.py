"""Reading the repository: the one place files are opened. Confined to the root, bounded
by budgets; every file we do not read is named in a notification."""

from __future__ import annotations

import os
from collections.abc import Iterator, Sequence
from pathlib import Path

from threatdelta.errors import UsageError
from threatdelta.extractors.base import (
    Extractor,
    SourceFile,
    file_names_of,
    name_matches,
    suffix_of,
)
from threatdelta.model.base import Frozen, Level, Notification

SKIPPED_DIRS = frozenset(
    {
        ".git",
        ".hg",
        ".svn",
        "node_modules",
        ".venv",
        "venv",
        "__pycache__",
        ".tox",
        ".nox",
        ".mypy_cache",
        ".pytest_cache",
        ".ruff_cache",
        "dist",
        "build",
        ".threatdelta",
        "site-packages",
        "bower_components",
        ".next",
        "coverage",
    }
)


class ReadLimits(Frozen):
    max_file_bytes: int = 1024 * 1024
    max_files: int = 50_000
    max_total_bytes: int = 512 * 1024 * 1024


class ReadResult(Frozen):
    files: tuple[SourceFile, ...]
    notifications: tuple[Notification, ...]


def _note(code: str, message: str, path: str | None, level: Level = Level.WARNING) -> Notification:
    return Notification(level=level, code=code, message=message, path=path)


class FileSelection(Frozen):
    """Which repository files are read: by suffix, or by a glob on the lower-cased file
    name for files a suffix cannot name (`Dockerfile`, `Dockerfile.prod`)."""

    suffixes: frozenset[str]
    names: frozenset[str] = frozenset()

    def selects(self, path: str) -> bool:
        if suffix_of(path) in self.suffixes:
            return True
        return bool(self.names) and name_matches(path, self.names)


def selection_of(extractors: Sequence[Extractor]) -> FileSelection:
    """The files any of `extractors` reads."""
    return FileSelection(
        suffixes=frozenset(s for e in extractors for s in e.suffixes),
        names=frozenset(n for e in extractors for n in file_names_of(e)),
    )


def _candidates(root: Path, selection: FileSelection) -> Iterator[tuple[Path, str]]:
    for dirpath, dirnames, filenames in os.walk(root, followlinks=False):
        linked = [d for d in dirnames if (Path(dirpath) / d).is_symlink()]
        for name in sorted(linked):
            full = Path(dirpath) / name
            yield full, full.relative_to(root).as_posix()
        dirnames[:] = sorted(d for d in dirnames if d not in SKIPPED_DIRS and d not in linked)
        for name in sorted(filenames):
            if selection.selects(name):
                full = Path(dirpath) / name
                yield full, full.relative_to(root).as_posix()


def read_file(root: Path, full: Path, rel: str, limits: ReadLimits) -> SourceFile | Notification:
    """Read one file as UTF-8 text, or say why not."""
    if full.is_symlink():
        target = full.resolve()
        if not target.is_relative_to(root):
            return _note(
                "symlink-outside-repository",
                "symbolic link points outside the repository; ignored",
                rel,
            )
        if target.is_dir():
            return _note(
                "symlink-not-followed",
                "symbolic link to a folder inside the repository; not followed "
                "(its files are read at their real path)",
                rel,
                Level.NOTE,
            )
    try:
        size = full.stat().st_size
        if size > limits.max_file_bytes:
            return _note(
                "file-too-large",
                f"file is {size} bytes, over the {limits.max_file_bytes}-byte limit; skipped",
                rel,
            )
        data = full.read_bytes()
    except OSError as exc:
        return _note("unreadable-file", f"cannot read file: {exc.strerror or exc}", rel)
    return decode_source(rel, data)


def decode_source(rel: str, data: bytes) -> SourceFile | Notification:
    """Bytes of a repository file as UTF-8 text, or a notification saying why not."""
    if b"\x00" in data[:8192]:
        return _note("binary-file", "binary content; skipped", rel)
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        return _note("not-utf8", f"not UTF-8 text (byte {exc.start}); skipped", rel)
    return SourceFile(path=rel, text=text)


def is_skipped_dir(path: str) -> bool:
    """Whether a repository path lies in a folder the scan never reads (dependencies, VCS)."""
    return any(part in SKIPPED_DIRS for part in path.split("/")[:-1])


def read_repository(
    root: Path,
    suffixes: frozenset[str],
    limits: ReadLimits,
    names: frozenset[str] = frozenset(),
) -> ReadResult:
    """Every file under `root` with one of `suffixes` or whose name matches one of the glob
    `names`, as text; skipped ones as notifications."""
    if not root.exists():
        raise UsageError(f"path does not exist: {root}")
    if not root.is_dir():
        raise UsageError(f"not a directory: {root}")
    root = root.resolve()
    files: list[SourceFile] = []
    notes: list[Notification] = []
    total = 0
    selection = FileSelection(suffixes=suffixes, names=names)
    for full, rel in _candidates(root, selection):
        if len(files) >= limits.max_files or total >= limits.max_total_bytes:
            notes.append(
                _note(
                    "budget-exhausted",
                    f"read budget reached ({limits.max_files} files / "
                    f"{limits.max_total_bytes} bytes); the rest of the repository "
                    "was not analysed",
                    rel,
                    Level.ERROR,
                )
            )
            break
        result = read_file(root, full, rel, limits)
        if isinstance(result, Notification):
            notes.append(result)
        else:
            files.append(result)
            total += len(result.text)
    if not files:
        notes.append(
            _note(
                "nothing-to-analyse", "no file that any extractor reads was found", None, Level.NOTE
            )
        )
    return ReadResult(files=tuple(files), notifications=tuple(notes))
