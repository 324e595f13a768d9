"""The NestJS throttler on one controller method: `@Throttle({ default: { limit, ttl } })`
above the route decorator (replacing a `@SkipThrottle()`). When the application does not use
ThrottlerModule yet, the method also gets `@UseGuards(ThrottlerGuard)` and the root module
`ThrottlerModule.forRoot(...)` in its imports: an unsafe patch across two files."""

from __future__ import annotations

import re

from threatdelta.findings.edit import TextEdit
from threatdelta.remediation.edits import EditError, conventions, indentation
from threatdelta.remediation.families.handler_source import HandlerSource, is_generated
from threatdelta.remediation.families.rate_limit_python import LimitEdits
from threatdelta.remediation.families.script_imports import named_import_edit

_FOR_ROOT = "ThrottlerModule.forRoot([{ ttl: 60000, limit: 100 }])"
_IMPORTS_ARRAY = re.compile(r"^(?P<indent>\s*)imports:\s*\[")


def nest_throttle(source: HandlerSource, limit: int, others: dict[str, str]) -> LimitEdits | None:
    route = _nest_route(source)
    decorators = range(source.start, route or source.start)
    if route is None or any(source.line(n).strip().startswith("@Throttle(") for n in decorators):
        return None
    indent = indentation(source.line(route))
    lines = [f"{indent}@Throttle({{ default: {{ limit: {limit}, ttl: 60000 }} }})"]
    skip = next(
        (n for n in decorators if source.line(n).strip().startswith("@SkipThrottle(")), None
    )
    module_set_up = any("ThrottlerModule" in t for t in others.values())
    names = ["Throttle"]
    edits: list[TextEdit] = []
    if not module_set_up:
        root = _root_module_edits(others)
        common = named_import_edit(
            source.path, source.lines, source.quote, "@nestjs/common", ["UseGuards"]
        )
        if root is None:
            return None
        lines.insert(0, f"{indent}@UseGuards(ThrottlerGuard)")
        names.append("ThrottlerGuard")
        edits.extend([*root, *([common] if common else [])])
    at = skip if skip is not None else route
    edits.append(
        TextEdit(path=source.path, start=at, end=at if skip else at - 1, lines=tuple(lines))
    )
    throttler = named_import_edit(
        source.path, source.lines, source.quote, "@nestjs/throttler", names
    )
    edits.extend([throttler] if throttler else [])
    return LimitEdits(tuple(edits), not module_set_up, "the NestJS throttler")


def _nest_route(source: HandlerSource) -> int | None:
    for number in range(source.start, source.end + 1):
        if re.match(r"\s*@(Post|Put|Patch|Delete|Get|All)\(", source.line(number)):
            return number
    return None


def _root_module_edits(others: dict[str, str]) -> tuple[TextEdit, ...] | None:
    """`ThrottlerModule.forRoot(...)` first in the root module's `imports` array."""
    roots = [
        (p, t)
        for p, t in sorted(others.items())
        if "export class AppModule" in t and "@Module(" in t and not is_generated(t)
    ]
    if len(roots) != 1:
        return None
    path, text = roots[0]
    try:
        style = conventions(text)
    except EditError:
        return None
    lines = tuple(text.split(style.newline))
    array = next(
        ((n, m) for n, t in enumerate(lines, start=1) if (m := _IMPORTS_ARRAY.match(t))), None
    )
    if array is None:
        return None
    number, found = array
    line = lines[number - 1]
    if line.rstrip().endswith("["):
        entry = f"{found.group('indent')}{style.indent_unit}{_FOR_ROOT},"
        added = TextEdit(path=path, start=number + 1, end=number, lines=(entry,))
    else:
        rest = line[found.end() :]
        joined = _FOR_ROOT if rest.lstrip().startswith("]") else f"{_FOR_ROOT}, "
        added = TextEdit(
            path=path, start=number, end=number, lines=(line[: found.end()] + joined + rest,)
        )
    quote = "'" if text.count("'") > text.count('"') else '"'
    module = named_import_edit(path, lines, quote, "@nestjs/throttler", ["ThrottlerModule"])
    return (added, *([module] if module else []))
