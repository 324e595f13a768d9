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
MAX_GUARD_LINES = 40
MAX_LINE_CHARS = 400
SHORT_SPAN = 4  # a span of fewer lines than this gets CONTEXT_LINES around it
CONTEXT_LINES = 3
_IDENTIFIER = re.compile(r"[A-Za-z_]\w*")


class CodeExcerpt(Frozen):
    """Redacted lines of one file shown to the model; `start_line` is 1-based."""

    path: str
    start_line: int
    lines: tuple[str, ...]

    @property
    def end_line(self) -> int:
        return self.start_line + len(self.lines) - 1


class RedactedFiles:
    """The files handed to a run, each redacted once on first use, with the guard
    definitions found in them cached per name for the run."""

    def __init__(self, files: Mapping[str, str]) -> None:
        self._files = files
        self._lines: dict[str, list[str]] = {}
        self._definitions: dict[str, tuple[Location, ...]] = {}

    def __contains__(self, path: object) -> bool:
        return path in self._files

    def lines(self, path: str) -> list[str]:
        """The redacted lines of a file, numbered as in the file, each cut at `MAX_LINE_CHARS`."""
        if path not in self._lines:
            lines = source_lines(redact(self._files[path])[0])
            self._lines[path] = [_bounded(line) for line in lines]
        return self._lines[path]

    def raw(self, path: str) -> str:
        return self._files[path]

    def paths(self) -> Iterable[str]:
        return self._files.keys()

    def definitions(self, name: str) -> tuple[Location, ...]:
        """Every definition of a function / guard called `name` (first line to the end of its
        block, at most `MAX_GUARD_LINES`), in path order."""
        if name not in self._definitions:
            pattern = _definition_pattern(name)
            found: list[Location] = []
            for path in sorted(self._files):
                text = self._files[path]
                match = pattern.search(text) if name in text else None
                if match is not None:
                    line = text.count("\n", 0, match.start()) + 1
                    end = _block_end(source_lines(text), line, path)
                    found.append(Location(path=path, start_line=line, end_line=end))
            self._definitions[name] = tuple(found)
        return self._definitions[name]


def _bounded(line: str) -> str:
    """A line cut at `MAX_LINE_CHARS` (minified code, embedded data), saying how much is left."""
    if len(line) <= MAX_LINE_CHARS:
        return line
    return line[:MAX_LINE_CHARS] + f" [cut: {len(line) - MAX_LINE_CHARS} more characters]"


def _block_end(lines: Sequence[str], start: int, path: str) -> int:
    """Last line of the definition starting at `start`: Python by indentation (left to the
    widening), braces elsewhere; at most `MAX_GUARD_LINES` lines."""
    if path.endswith(".py"):
        return start
    depth, opened = 0, False
    last = min(len(lines), start + MAX_GUARD_LINES - 1)
    for number in range(start, last + 1):
        text = lines[number - 1]
        depth += text.count("{") - text.count("}")
        opened = opened or "{" in text
        if opened and depth <= 0:
            return number
    return last


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
    """The lines of a span, at most `max_lines`: widened to its Python function, or else, when
    it is a few lines only (a setting, a call), with `CONTEXT_LINES` around it."""
    if span.path not in files:
        return None
    lines = files.lines(span.path)
    start, end = span.start_line, min(span.end_line, len(lines))
    if start > len(lines):
        return None
    widened = _python_function(lines, span) if span.path.endswith(".py") else None
    if widened is not None and widened[1] - widened[0] < max_lines:
        start, end = widened
    elif end - start < SHORT_SPAN:
        start, end = max(1, start - CONTEXT_LINES), min(len(lines), end + CONTEXT_LINES)
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
        rf"^[ \t]*(?:export\s+(?:default\s+)?)?(?:abstract\s+)?(?:async\s+)?"
        rf"(?:def|function|func|const|let|var|class|public\s+\w+)\s+{word}\b|"
        rf"^[ \t]*{word}\s*=\s*(?:async\s+)?\(",
        re.MULTILINE,
    )


def _guard_name(guard: str) -> str:
    """`auth.login_required`, `@PreAuthorize("...")`, `Depends(get_user)` -> the called name."""
    inner = re.search(r"\(\s*([A-Za-z_][\w.]*)\s*\)", guard)
    wrapper = guard.partition("(")[0]
    name = inner.group(1) if inner and wrapper in ("Depends", "Security") else guard
    return name.split("(")[0].split(".")[-1].lstrip("@")


def guard_definitions(files: RedactedFiles, guards: Sequence[str], near: str) -> list[Location]:
    """Where the named guards are defined among the files: one definition each, the one in
    the folder nearest to `near` (the element's file)."""
    found: list[Location] = []
    folder = near.rpartition("/")[0]

    def distance(location: Location) -> tuple[int, str]:
        home = location.path.rpartition("/")[0]
        shared = 0
        for mine, theirs in zip(folder.split("/"), home.split("/"), strict=False):
            if mine != theirs:
                break
            shared += 1
        return (-shared, location.path)

    for guard in dict.fromkeys(map(_guard_name, guards)):
        if not _IDENTIFIER.fullmatch(guard):
            continue
        candidates = files.definitions(guard)
        if candidates:
            found.append(min(candidates, key=distance))
    return found


def _document_lines(lines: Sequence[str], budget: int) -> tuple[list[str], bool]:
    """The first lines of a document within `budget` characters (the last one cut), and
    whether anything was left out."""
    kept: list[str] = []
    for line in lines:
        if budget <= 0:
            return kept, True
        kept.append(line[:budget])
        budget -= len(line) + 1
        if len(kept[-1]) < len(line):
            return kept, True
    return kept, False


def business_context(
    files: RedactedFiles, near: str, max_chars: int
) -> tuple[str, tuple[CodeExcerpt, ...]]:
    """README / architecture text for the element's file: the README of its folder or the
    nearest folder above it, then architecture documents; redacted, at most `max_chars`
    characters of documents. Also the lines of each document that were included."""
    docs = [p for p in files.paths() if _DOC_NAME.search(p)]
    folder = near.rpartition("/")[0]

    def rank(path: str) -> tuple[int, int, str]:
        home = path.rpartition("/")[0]
        readme = path.rsplit("/", 1)[-1].lower().startswith("readme")
        inside = not home or folder == home or folder.startswith(home + "/")
        return (0 if readme and inside else 1, -len(home) if inside else 0, path)

    parts: list[str] = []
    sent: list[CodeExcerpt] = []
    budget, cut = max_chars, False
    for path in sorted(docs, key=rank)[:3]:
        if budget <= 0:
            cut = True
            break
        lines, cut = _document_lines(files.lines(path), budget)
        budget -= sum(len(line) + 1 for line in lines)
        parts.append(f"--- {path}\n" + "\n".join(lines))
        sent.append(CodeExcerpt(path=path, start_line=1, lines=tuple(lines)))
    text = "\n".join(parts) + ("\n[truncated]" if cut else "")
    return text, tuple(sent)
