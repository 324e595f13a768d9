"""The prose the analyst may quote for business context: READMEs and architecture documents.

The extractors do not read prose, so the command line reads these few files itself: the
README of the repository and of each top-level folder, and `ARCHITECTURE*` / `docs/
architecture*` documents. Symbolic links, files over `max_bytes` and files that are not
text are skipped; nothing outside the repository folder is read.
"""

from __future__ import annotations

import re
from pathlib import Path

MAX_DOCUMENT_BYTES = 64 * 1024
_NAME = re.compile(r"^(?:readme|architecture)[^/]*$", re.IGNORECASE)
_SUFFIXES = frozenset({"", ".md", ".markdown", ".rst", ".txt", ".adoc"})


def _candidates(root: Path) -> list[Path]:
    found: list[Path] = []
    folders = [root, root / "docs"]
    folders += [p for p in sorted(root.iterdir()) if p.is_dir() and not p.name.startswith(".")]
    for folder in dict.fromkeys(folders):
        if folder.is_symlink() or not folder.is_dir():
            continue
        found += [
            p
            for p in sorted(folder.iterdir())
            if _NAME.match(p.name) and p.suffix.lower() in _SUFFIXES
        ]
    return found


def _text(path: Path, max_bytes: int) -> str | None:
    if path.is_symlink() or not path.is_file() or path.stat().st_size > max_bytes:
        return None
    data = path.read_bytes()
    if b"\0" in data:
        return None
    return data.decode("utf-8", errors="replace")


def read_documents(root: Path, max_bytes: int = MAX_DOCUMENT_BYTES) -> dict[str, str]:
    """README and architecture documents under `root` by repository path (POSIX)."""
    documents: dict[str, str] = {}
    try:
        candidates = _candidates(root.resolve())
        for path in candidates:
            text = _text(path, max_bytes)
            if text is not None:
                documents[path.relative_to(root.resolve()).as_posix()] = text
    except OSError:  # an unreadable folder or file: the analyst simply sees less prose
        return documents
    return documents
