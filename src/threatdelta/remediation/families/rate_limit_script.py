"""Rate limiting for JavaScript and TypeScript handlers: an `express-rate-limit` limiter in
the route's middleware chain (reusing one the module declares), and the NestJS throttler's
`@Throttle` on a controller method."""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import PurePosixPath

from threatdelta.findings.edit import TextEdit
from threatdelta.remediation.families.handler_source import HandlerSource
from threatdelta.remediation.families.rate_limit_python import LimitEdits

_ROUTE = re.compile(
    r"(?P<head>\.\s*(?:get|post|put|patch|delete|all)\s*\(\s*(?P<q>['\"`])[^'\"`]*(?P=q)\s*,\s*)"
)
_LIMITER = re.compile(
    r"^\s*(?:export\s+)?(?:const|let|var)\s+(?P<name>\w+)\s*=\s*rateLimit\s*\(", re.M
)
_IMPORTED = re.compile(
    r"^\s*(?:import\s+(?P<a>\w+)\s+from\s+['\"]express-rate-limit['\"]"
    r"|(?:const|let|var)\s+(?P<b>\w+)\s*=\s*require\(\s*['\"]express-rate-limit['\"]\s*\))",
    re.M,
)
_IMPORT_LINE = re.compile(r"^(?:import\s|(?:const|let|var)\s+[\w{}, ]+=\s*require\()")
_SCRIPT_SUFFIXES = (".js", ".mjs", ".cjs", ".ts", ".mts", ".cts")
_WINDOWS = {15: "15 * 60 * 1000", 1: "60 * 1000"}


@dataclass(frozen=True)
class ScriptLimit:
    """What a new express-rate-limit limiter allows: `limit` requests per `minutes`."""

    name: str
    limit: int
    minutes: int


def express_limit(
    source: HandlerSource, wanted: ScriptLimit, others: dict[str, str]
) -> LimitEdits | None:
    route_line = _route_line(source)
    if route_line is None:
        return None
    number, found = route_line
    declared = _reused_limiter(source)
    edits: list[TextEdit] = []
    new = False
    if declared is None:
        setup = _shared_limiter(source, others) or _limiter_setup(source, wanted, others)
        if setup is None:
            return None
        declared, edits, new = setup
    text = source.line(number)
    head = found.group("head")
    patched = text.replace(head, f"{head}{declared}, ", 1)
    edits.append(TextEdit(path=source.path, start=number, end=number, lines=(patched,)))
    return LimitEdits(tuple(sorted(edits, key=lambda e: e.start)), new, "express-rate-limit")


def _route_line(source: HandlerSource) -> tuple[int, re.Match[str]] | None:
    for number in range(source.start, source.end + 1):
        found = _ROUTE.search(source.line(number))
        if found:
            return number, found
    return None


def _reused_limiter(source: HandlerSource) -> str | None:
    names = [m.group("name") for m in _LIMITER.finditer(source.text)]
    if not names:
        return None
    path = source.endpoint.path.lower()
    fitting = [n for n in names if any(w in path for w in _words(n))]
    return (fitting or names)[0]


def _words(name: str) -> list[str]:
    return [w.lower() for w in re.findall(r"[a-z]+|[A-Z][a-z]*", name) if w.lower() != "limiter"]


_EXPORTED = re.compile(
    r"^\s*(?:export\s+const\s+(?P<esm>\w+)|(?:module\.)?exports\.(?P<cjs>\w+))\s*=\s*rateLimit\s*\(",
    re.MULTILINE,
)


def _shared_limiter(
    source: HandlerSource, others: dict[str, str]
) -> tuple[str, list[TextEdit], bool] | None:
    """A limiter another module of the repository exports: import it (relative path)."""
    imports = [n for n, t in enumerate(source.lines, start=1) if _IMPORT_LINE.match(t)]
    here = PurePosixPath(source.path).parent
    for path, text in sorted(others.items()):
        same_root = path.split("/")[0] == source.path.split("/")[0] or "/" not in source.path
        found = _EXPORTED.search(text) if path != source.path and same_root else None
        if found is None or not imports or not path.endswith(_SCRIPT_SUFFIXES):
            continue
        name = found.group("esm") or found.group("cjs")
        target = PurePosixPath(path.rsplit(".", 1)[0])
        relative = os.path.relpath(target, here)
        relative = relative if relative.startswith(".") else f"./{relative}"
        q = source.quote
        semi = ";" if ";" + source.style.newline in source.text else ""
        esm = source.line(imports[0]).startswith("import ")
        line = (
            f"import {{ {name} }} from {q}{relative}{q}{semi}"
            if esm
            else f"const {{ {name} }} = require({q}{relative}{q}){semi}"
        )
        last = imports[-1]
        return name, [TextEdit(path=source.path, start=last + 1, end=last, lines=(line,))], False
    return None


def _limiter_setup(
    source: HandlerSource, wanted: ScriptLimit, others: dict[str, str]
) -> tuple[str, list[TextEdit], bool] | None:
    """`const writeLimiter = rateLimit({...})` after the imports, and the import when the
    module has none (a dependency new to the repository unless another module uses it)."""
    imports = [n for n, t in enumerate(source.lines, start=1) if _IMPORT_LINE.match(t)]
    if not imports:
        return None
    q = source.quote
    semi = ";" if ";" + source.style.newline in source.text else ""
    imported = _IMPORTED.search(source.text)
    name = (imported.group("a") or imported.group("b")) if imported else "rateLimit"
    lines: list[str] = []
    if imported is None:
        esm = source.line(imports[0]).startswith("import ")
        lines.append(
            f"import rateLimit from {q}express-rate-limit{q}{semi}"
            if esm
            else f"const rateLimit = require({q}express-rate-limit{q}){semi}"
        )
    last = imports[-1]
    window = _WINDOWS.get(wanted.minutes, f"{wanted.minutes} * 60 * 1000")
    options = f"{{ windowMs: {window}, limit: {wanted.limit} }}"
    declaration = f"const {wanted.name} = {name}({options}){semi}"
    edits = [TextEdit(path=source.path, start=last + 1, end=last, lines=(*lines, "", declaration))]
    used = any("express-rate-limit" in t for p, t in others.items() if p != source.path)
    if re.search(rf"\b{wanted.name}\b", source.text):
        return None
    return wanted.name, edits, imported is None and not used
