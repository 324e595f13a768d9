"""The project's authentication guard in JavaScript, TypeScript, Go and Java routes:
Express middleware in the route chain (imported like another module imports it), chi
`r.With(guard)` and gin handler chains, and the removal of a route's opt-out (NestJS
`@Public()`, Spring `permitAll()`)."""

from __future__ import annotations

import posixpath
import re
from collections.abc import Mapping

from threatdelta.findings.edit import TextEdit
from threatdelta.remediation.families.source_file import SourceFile

_EXPRESS_ROUTE = re.compile(
    r"\b\w+\.(?:get|post|put|patch|delete|all)\(\s*(?P<path>'[^']*'|\"[^\"]*\"|`[^`]*`)\s*,"
)
_CHI_ROUTE = re.compile(r"\b(?P<router>\w+)\.(?P<method>Get|Post|Put|Patch|Delete)\(\s*\"")
_GIN_ROUTE = re.compile(r"\b\w+\.(?:GET|POST|PUT|PATCH|DELETE)\(\s*\"[^\"]*\"\s*,")
_PUBLIC = re.compile(r"^\s*@Public\(\)\s*$")
_PERMIT_ALL = re.compile(r"\.permitAll\(\)")
_IMPORT_FROM = re.compile(
    r"^import\s*\{(?P<names>[^}]*)\}\s*from\s*(?P<q>['\"])(?P<spec>[^'\"]+)['\"];?\s*$"
)


def opt_out_edits(source: SourceFile, line: int) -> tuple[TextEdit, ...]:
    text = source.line(line)
    if _PERMIT_ALL.search(text):
        new = _PERMIT_ALL.sub(".authenticated()", text, count=1)
        return (TextEdit(path=source.path, start=line, end=line, lines=(new,)),)
    if not _PUBLIC.match(text):
        return ()
    edits = [TextEdit(path=source.path, start=line, end=line, lines=())]
    if len(re.findall(r"\bPublic\b", source.text)) == 2:  # the import and this use
        edits.extend(_drop_import(source, "Public"))
    return tuple(sorted(edits, key=lambda e: e.start))


def _drop_import(source: SourceFile, name: str) -> list[TextEdit]:
    for number, text in enumerate(source.lines, start=1):
        found = _IMPORT_FROM.match(text)
        if found is None:
            continue
        names = [n.strip() for n in found.group("names").split(",") if n.strip()]
        if name not in names:
            continue
        rest = [n for n in names if n != name]
        if not rest:
            return [TextEdit(path=source.path, start=number, end=number, lines=())]
        new = text.replace(found.group("names"), " " + ", ".join(rest) + " ")
        return [TextEdit(path=source.path, start=number, end=number, lines=(new,))]
    return []


def express_edits(
    source: SourceFile, line: int, guard: str, files: Mapping[str, str]
) -> tuple[TextEdit, ...]:
    text = source.line(line)
    route = _EXPRESS_ROUTE.search(text)
    if route is None or re.search(rf"\b{re.escape(guard)}\b", text[route.end() :]):
        return ()
    new = text[: route.end()] + f" {guard}," + text[route.end() :]
    edit = TextEdit(path=source.path, start=line, end=line, lines=(new,))
    if _imports(source.text, guard):
        return (edit,)
    imported = _js_import_edit(source, guard, files)
    return () if imported is None else tuple(sorted((imported, edit), key=lambda e: e.start))


def _imports(text: str, name: str) -> bool:
    braces = re.finditer(r"(?:import|const|let|var)\s*\{([^}]*)\}", text)
    return any(re.search(rf"\b{re.escape(name)}\b", m.group(1)) for m in braces)


def _js_import_edit(source: SourceFile, guard: str, files: Mapping[str, str]) -> TextEdit | None:
    target = _module_exporting(guard, files)
    if target is None:
        return None
    folder = posixpath.dirname(source.path)
    spec = posixpath.relpath(target, folder or ".")
    spec = spec if spec.startswith(".") else f"./{spec}"
    last = 0
    for number, text in enumerate(source.lines, start=1):
        found = _IMPORT_FROM.match(text)
        if found and posixpath.normpath(posixpath.join(folder, found.group("spec"))) == target:
            names = sorted(
                [*(n.strip() for n in found.group("names").split(",") if n.strip()), guard]
            )
            new = text.replace(found.group("names"), " " + ", ".join(names) + " ")
            return TextEdit(path=source.path, start=number, end=number, lines=(new,))
        if text.startswith("import "):
            last = number
    if not last:
        return None
    q = source.quote
    line = f"import {{ {guard} }} from {q}{spec}{q};"
    return TextEdit(path=source.path, start=last + 1, end=last, lines=(line,))


def _module_exporting(guard: str, files: Mapping[str, str]) -> str | None:
    """The repository path (no extension) of the module other files import `guard` from."""
    found: set[str] = set()
    for path, text in files.items():
        for line in text.splitlines():
            match = _IMPORT_FROM.match(line)
            if (
                match
                and match.group("spec").startswith(".")
                and guard in {n.strip() for n in match.group("names").split(",")}
            ):
                found.add(
                    posixpath.normpath(posixpath.join(posixpath.dirname(path), match.group("spec")))
                )
    return sorted(found)[0] if len(found) == 1 else None


def go_edits(source: SourceFile, line: int, guard: str) -> tuple[TextEdit, ...]:
    text = source.line(line)
    qualified = re.search(rf"\b(?:\w+\.)?{re.escape(guard)}\b", source.text)
    if qualified is None or guard in text:
        return ()
    chi = _CHI_ROUTE.search(text)
    if chi and "go-chi/chi" in source.text:
        start = chi.start("method")
        new = text[:start] + f"With({qualified.group(0)})." + text[start:]
    elif (gin := _GIN_ROUTE.search(text)) and "gin-gonic/gin" in source.text:
        new = text[: gin.end()] + f" {qualified.group(0)}," + text[gin.end() :]
    else:
        return ()
    return (TextEdit(path=source.path, start=line, end=line, lines=(new,)),)


_NEST_ROUTE = re.compile(r"^(?P<indent>\s*)@(?:Get|Post|Put|Patch|Delete|All)\(")


def nest_edits(
    source: SourceFile, line: int, guard: str, files: Mapping[str, str]
) -> tuple[TextEdit, ...]:
    """`@UseGuards(guard)` above the handler's route decorator, `UseGuards` and the guard
    imported when missing."""
    routes = (
        (n, found)
        for n in range(line, min(line + 3, len(source.lines)) + 1)
        if (found := _NEST_ROUTE.match(source.line(n)))
    )
    number, route = next(routes, (0, None))
    if route is None or "@UseGuards(" in source.line(number - 1):
        return ()
    decorator = f"{route.group('indent')}@UseGuards({guard})"
    edits = [TextEdit(path=source.path, start=number, end=number - 1, lines=(decorator,))]
    for name, imported in (("UseGuards", _nest_common_import(source)), (guard, None)):
        if _imports(source.text, name):
            continue
        edit = imported if name == "UseGuards" else _js_import_edit(source, guard, files)
        if edit is None or any(e.start == edit.start for e in edits[1:]):
            return ()
        edits.append(edit)
    return tuple(sorted(edits, key=lambda e: e.start))


def _nest_common_import(source: SourceFile) -> TextEdit | None:
    for number, text in enumerate(source.lines, start=1):
        found = _IMPORT_FROM.match(text)
        if found and found.group("spec") == "@nestjs/common":
            names = sorted(
                [*(n.strip() for n in found.group("names").split(",") if n.strip()), "UseGuards"]
            )
            new = text.replace(found.group("names"), " " + ", ".join(names) + " ")
            return TextEdit(path=source.path, start=number, end=number, lines=(new,))
    return None
