"""Go (net/http, chi) edits for the audit-logging and rate-limiting families: a `slog` or
`log` call at the top of the handler function the route names, and chi's
`r.With(httprate.LimitByIP(...))` in front of the route's registration."""

from __future__ import annotations

import re

from threatdelta.findings.edit import TextEdit
from threatdelta.remediation.edits import indentation
from threatdelta.remediation.families.handler_source import HandlerSource

_ROUTE = re.compile(
    r"^(?P<indent>\s*)(?P<router>\w+)\.(?P<verb>Get|Post|Put|Patch|Delete|Handle|HandleFunc)\("
    r"\s*\"[^\"]*\"\s*,\s*(?P<handler>[\w.]+)\s*\)\s*$"
)


def _import_block(lines: tuple[str, ...]) -> tuple[int, int] | None:
    """The lines of `import (` and its `)`."""
    start = next((n for n, t in enumerate(lines, start=1) if t.strip() == "import ("), None)
    if start is None:
        return None
    end = next((n for n in range(start + 1, len(lines) + 1) if lines[n - 1].strip() == ")"), None)
    return (start, end) if end is not None else None


def _imports(source: HandlerSource) -> set[str]:
    block = _import_block(source.lines)
    if block is None:
        return set()
    return set(re.findall(r"\"([^\"]+)\"", "\n".join(source.lines[block[0] : block[1] - 1])))


def _add_import(source: HandlerSource, package: str) -> TextEdit | None:
    """`"package"` in name order in its group of the import block: the standard library's,
    or the one of its host (`github.com/...`), else the last group."""
    block = _import_block(source.lines)
    if block is None:
        return None
    runs: list[list[tuple[int, str]]] = [[]]
    for number in range(block[0] + 1, block[1]):
        found = re.match(r"\s*(?:\w+\s+)?\"([^\"]+)\"", source.line(number))
        if found:
            runs[-1].append((number, found.group(1)))
        elif not source.line(number).strip() and runs[-1]:
            runs.append([])
    runs = [run for run in runs if run]
    if not runs:
        return None
    host = package.split("/", maxsplit=1)[0]
    run = next((r for r in runs if any(_host(p) == _host(package) for _, p in r)), None)
    if run is None and "." in host:
        run = next((r for r in runs if any("." in _host(p) for _, p in r)), runs[-1])
    run = run or runs[0]
    at = next((n for n, p in run if p > package), run[-1][0] + 1)
    line = f'{source.style.indent_unit}"{package}"'
    return TextEdit(path=source.path, start=at, end=at - 1, lines=(line,))


def _host(package: str) -> str:
    first = package.split("/", maxsplit=1)[0]
    return first if "." in first else ""


def _route(source: HandlerSource) -> tuple[int, re.Match[str]] | None:
    for number in range(source.start, source.end + 1):
        found = _ROUTE.match(source.line(number))
        if found:
            return number, found
    return None


def go_audit(source: HandlerSource) -> tuple[TextEdit, ...] | None:
    route = _route(source)
    name = route[1].group("handler") if route else source.endpoint.handler_name
    if "." in name or not name:
        return None
    opening = next(
        (
            n
            for n, t in enumerate(source.lines, start=1)
            if re.match(rf"func\s+(?:\([^)]*\)\s*)?{re.escape(name)}\(.*\{{\s*$", t)
        ),
        None,
    )
    if opening is None:
        return None
    imports = _imports(source)
    what = f"{source.endpoint.method} {source.endpoint.path}".replace('"', '\\"')
    body = indentation(source.line(opening)) + source.style.indent_unit
    edits: list[TextEdit] = []
    if "log/slog" in imports:
        call = f'slog.Info("audit", "endpoint", "{what}")'
    else:
        call = f'log.Printf("audit: {what}")'
        if "log" not in imports:
            added = _add_import(source, "log")
            if added is None:
                return None
            edits.append(added)
    edits.append(TextEdit(path=source.path, start=opening + 1, end=opening, lines=(body + call,)))
    return tuple(edits)


def go_limit(source: HandlerSource, limit: int) -> tuple[TextEdit, ...] | None:
    """chi only: `r.With(httprate.LimitByIP(n, time.Minute)).Post(...)`."""
    route = _route(source)
    if route is None or "github.com/go-chi/chi" not in source.text:
        return None
    number, found = route
    router = found.group("router")
    text = source.line(number)
    head = f"{router}.{found.group('verb')}("
    patched = text.replace(
        head, f"{router}.With(httprate.LimitByIP({limit}, time.Minute)).{found.group('verb')}(", 1
    )
    edits = [TextEdit(path=source.path, start=number, end=number, lines=(patched,))]
    imports = _imports(source)
    for package in ("time", "github.com/go-chi/httprate"):
        if package not in imports:
            added = _add_import(source, package)
            if added is None:
                return None
            edits.append(added)
    return _merged(edits)


def _merged(edits: list[TextEdit]) -> tuple[TextEdit, ...]:
    by_start: dict[tuple[int, int], list[str]] = {}
    for edit in sorted(edits, key=lambda e: (e.start, e.end)):
        by_start.setdefault((edit.start, edit.end), []).extend(edit.lines)
    return tuple(
        TextEdit(path=edits[0].path, start=s, end=e, lines=tuple(lines))
        for (s, e), lines in sorted(by_start.items())
    )
