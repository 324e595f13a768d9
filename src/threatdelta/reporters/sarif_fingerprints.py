"""`primaryLocationLineHash` values for the threats of a report, computed before rendering.

The SARIF renderer is a pure function of its inputs, but GitHub's line hash needs the text of
the file a threat points at. So the hashes are computed in a step of their own and handed to
`render_sarif` as a `LineHashes` value:

- `compute_line_hashes(report, texts)` is pure: the report and a mapping path -> file text;
- `read_sources(root, paths)` is the I/O edge: it reads those files under the repository root
  the way codeql-action reads them (UTF-8, byte-order mark kept, bad bytes replaced), never
  outside the root, skipping anything it cannot read;
- `line_hashes_for_repository(report, root)` wires the two for the command line.

A threat whose file or line is unavailable gets no line hash; the SARIF result then carries
only our own fingerprint (and code scanning's upload action computes the line hash if it can).

The same step records the shape (newline, line count) of each file a proven patch edits
(`sarif_fixes.FileShape`), which SARIF `fixes` need; `source_paths` names every file to read.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from pathlib import Path

from threatdelta.model.base import Frozen
from threatdelta.report import ScanReport
from threatdelta.reporters.sarif_fixes import FileShape, file_shape
from threatdelta.reporters.sarif_line_hash import line_hashes
from threatdelta.sources import ReadLimits


class LineHash(Frozen):
    path: str  # repo-relative POSIX path, as in the threat's evidence
    line: int  # 1-based
    value: str  # "<hex>:<occurrence>"


class LineHashes(Frozen):
    """Line hashes of the primary locations of a report's threats."""

    entries: tuple[LineHash, ...] = ()
    files: tuple[FileShape, ...] = ()  # the files proven patches edit

    def lookup(self) -> dict[tuple[str, int], str]:
        return {(h.path, h.line): h.value for h in self.entries}

    def shapes(self) -> dict[str, FileShape]:
        return {f.path: f for f in self.files}


def primary_lines(report: ScanReport) -> tuple[tuple[str, int], ...]:
    """(path, start line) of each threat's first evidence: the SARIF primary location."""
    places = (t.evidence[0].location for t in report.threats)
    return tuple(dict.fromkeys((loc.path, loc.start_line) for loc in places))


def patched_paths(report: ScanReport) -> tuple[str, ...]:
    """The files the proven patches of the report's threats edit."""
    edits = (e for t in report.threats if t.fix is not None for e in t.fix.edits)
    return tuple(dict.fromkeys(e.path for e in edits))


def source_paths(report: ScanReport) -> tuple[str, ...]:
    """Every file the SARIF rendering needs: primary locations and patched files."""
    return tuple(dict.fromkeys([*(p for p, _ in primary_lines(report)), *patched_paths(report)]))


def _shapes(report: ScanReport, texts: Mapping[str, str]) -> tuple[FileShape, ...]:
    found = (file_shape(path, texts[path]) for path in patched_paths(report) if path in texts)
    return tuple(shape for shape in found if shape is not None)


def compute_line_hashes(report: ScanReport, texts: Mapping[str, str]) -> LineHashes:
    """Hashes for every primary location whose file text is given and has that line, and
    the shapes of the patched files whose text is given."""
    per_file: dict[str, tuple[str, ...]] = {}
    entries: list[LineHash] = []
    for path, line in primary_lines(report):
        if path not in texts:
            continue
        if path not in per_file:
            per_file[path] = line_hashes(texts[path])
        hashes = per_file[path]
        if line <= len(hashes):
            entries.append(LineHash(path=path, line=line, value=hashes[line - 1]))
    return LineHashes(entries=tuple(entries), files=_shapes(report, texts))


def read_sources(
    root: Path, paths: Iterable[str], max_bytes: int = ReadLimits().max_file_bytes
) -> dict[str, str]:
    """Text of each repo-relative path that is a regular file inside `root` (symlinks are
    followed only while they stay inside), at most `max_bytes` long; others are left out."""
    base = root.resolve()
    texts: dict[str, str] = {}
    for rel in dict.fromkeys(paths):
        try:
            full = (base / rel).resolve()
            if not full.is_relative_to(base) or not full.is_file():
                continue
            if full.stat().st_size > max_bytes:
                continue
            texts[rel] = full.read_bytes().decode("utf-8", "replace")
        except (OSError, ValueError):
            continue
    return texts


def line_hashes_for_repository(
    report: ScanReport, root: Path, max_bytes: int = ReadLimits().max_file_bytes
) -> LineHashes:
    """Read the files the report's threats point at (and their patches edit), hash their
    primary lines and record the patched files' shapes."""
    return compute_line_hashes(report, read_sources(root, source_paths(report), max_bytes))
