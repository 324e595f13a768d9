"""The code and prose shown to the analyst for one element: line-numbered excerpts of its
evidence (widened to the enclosing Python function when that is cheap), the definitions of
the guards it names, and a README / architecture-document excerpt. Text is redacted per
whole file before it is sliced, so a multi-line secret never leaks through a cut."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence

from threatdelta.llm.injection_scan import source_lines
from threatdelta.llm.redact import redact
from threatdelta.model.base import Frozen, Location

_DEF = re.compile(r"^(\s*)(?:async\s+def|def|class)\s")
_DOC_NAME = re.compile(
    r"(?:^|/)readme(?:\.(?:md|rst|txt|markdown|adoc))?$|"
    r"(?:^|/)architecture[^/]*\.(?:md|rst|txt|markdown|adoc)$|^docs/architecture[^/]*$",
    re.IGNORECASE,
)
_MAX_WIDEN = 80  # lines looked at above a span for its `def`


class CodeExcerpt(Frozen):
    """Redacted lines of one file shown to the model; `start_line` is 1-based."""

    path: str
    start_line: int
    lines: tuple[str, ...]

    @property
    def end_line(self) -> int:
        return self.start_line + len(self.lines) - 1


class RedactedFiles:
    """Redacted lines of the files handed to a run, each file redacted once, on first use."""

    def __init__(self, files: Mapping[str, str]) -> None:
        self._files = files
        self._lines: dict[str, tuple[list[str], int]] = {}

    def __contains__(self, path: object) -> bool:
        return path in self._files

    def lines(self, path: str) -> list[str]:
        return self._redacted(path)[0]

    def raw(self, path: str) -> str:
        return self._files[path]

    def paths(self) -> Iterable[str]:
        return self._files.keys()

    def _redacted(self, path: str) -> tuple[list[str], int]:
        if path not in self._lines:
            text, count = redact(self._files[path])
            self._lines[path] = (source_lines(text), count)
        return self._lines[path]


def _python_function(lines: Sequence[str], span: Location) -> tuple[int, int] | None:
    """The enclosing `def`/`class` of a span in a Python file (1-based lines), if near."""
    for number in range(span.start_line, max(0, span.start_line - _MAX_WIDEN), -1):
        match = _DEF.match(lines[number - 1]) if number <= len(lines) else None
        if match is None:
            continue
        indent = len(match.group(1))
        end = number
        for later in range(number + 1, len(lines) + 1):
            text = lines[later - 1]
            if text.strip() and len(text) - len(text.lstrip()) <= indent:
                break
            end = later
        while end > number and not lines[end - 1].strip():
            end -= 1
        start = number
        while start > 1 and lines[start - 2].lstrip().startswith("@"):
            start -= 1
        return (start, end) if end >= span.end_line else None
    return None


def excerpt_for(files: RedactedFiles, span: Location, max_lines: int) -> CodeExcerpt | None:
    """The lines of a span (widened to its Python function), at most `max_lines`."""
    if span.path not in files:
        return None
    lines = files.lines(span.path)
    start, end = span.start_line, min(span.end_line, len(lines))
    if start > len(lines):
        return None
    if span.path.endswith(".py"):
        widened = _python_function(lines, span)
        if widened is not None and widened[1] - widened[0] < max_lines:
            start, end = widened
    end = min(end, start + max_lines - 1)
    return CodeExcerpt(path=span.path, start_line=start, lines=tuple(lines[start - 1 : end]))


def merge_excerpts(excerpts: Iterable[CodeExcerpt], files: RedactedFiles) -> list[CodeExcerpt]:
    """Overlapping or touching excerpts of one file joined, first-seen order kept."""
    merged: list[CodeExcerpt] = []
    for excerpt in excerpts:
        for index, seen in enumerate(merged):
            if seen.path == excerpt.path and not (
                excerpt.start_line > seen.end_line + 1 or excerpt.end_line < seen.start_line - 1
            ):
                start = min(seen.start_line, excerpt.start_line)
                end = max(seen.end_line, excerpt.end_line)
                lines = files.lines(excerpt.path)[start - 1 : end]
                merged[index] = CodeExcerpt(path=seen.path, start_line=start, lines=tuple(lines))
                break
        else:
            merged.append(excerpt)
    return merged


def _definition_pattern(name: str) -> re.Pattern[str]:
    word = re.escape(name)
    return re.compile(
        rf"^[ \t]*(?:async\s+def|def|function|func|const|let|var|export\s+(?:async\s+)?function|"
        rf"export\s+const|public\s+\w+|class)\s+{word}\b|^[ \t]*{word}\s*=\s*(?:async\s+)?\(",
        re.MULTILINE,
    )


def guard_definitions(files: RedactedFiles, guards: Sequence[str], near: str) -> list[Location]:
    """Where the named guards are defined among the files (one each, the file nearest to
    `near` first): the start of the definition and up to 40 lines after."""
    found: list[Location] = []
    folder = near.rpartition("/")[0]
    paths = sorted(files.paths(), key=lambda p: (not p.startswith(folder), p.count("/"), p))
    for guard in dict.fromkeys(g.split("(")[0].split(".")[-1].lstrip("@") for g in guards):
        if not re.fullmatch(r"[A-Za-z_]\w*", guard):
            continue
        pattern = _definition_pattern(guard)
        for path in paths:
            text = files.raw(path)
            match = pattern.search(text) if guard in text else None
            if match is not None:
                line = text.count("\n", 0, match.start()) + 1
                found.append(Location(path=path, start_line=line, end_line=line))
                break
    return found


def business_context(files: RedactedFiles, near: str, max_chars: int) -> tuple[str, int]:
    """README / architecture text for the element's file: the README of its folder or the
    nearest folder above it, then architecture documents; redacted and cut at `max_chars`."""
    docs = [p for p in files.paths() if _DOC_NAME.search(p)]
    folder = near.rpartition("/")[0]

    def rank(path: str) -> tuple[int, int, str]:
        home = path.rpartition("/")[0]
        readme = path.rsplit("/", 1)[-1].lower().startswith("readme")
        inside = folder == home or folder.startswith(home + "/") or not home
        return (0 if readme and inside else 1, -len(home) if inside else 0, path)

    parts = [f"--- {path}\n" + "\n".join(files.lines(path)) for path in sorted(docs, key=rank)[:3]]
    text = "\n".join(parts)
    if len(text) > max_chars:
        text = text[:max_chars] + "\n[truncated]"
    return text, text.count("[REDACTED:")
