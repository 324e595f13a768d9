"""The service's own resolver check added to a GraphQL query that returns sensitive data
without one (TD-S017).

Strawberry: a bare `@strawberry.field` on the flagged resolver takes the
`permission_classes=[...]` another field of the same module already uses. Apollo: a
one-line resolver without parameters (`accounts: () => expr,`) takes the parameter list
and the `if (!user) throw ...;` line of a resolver in the same file that checks its
caller, and returns `expr` after it. No check in the module, two different ones, or a
resolver of another shape: no patch (the check is never invented). Unsafe: anonymous
callers, and callers the copied permission refuses, lose access to the field.
"""

from __future__ import annotations

import ast
import re

from threatdelta.findings.edit import TextEdit
from threatdelta.findings.threat import Applicability
from threatdelta.remediation.base import FixRequest, Patch
from threatdelta.remediation.families.path_arguments import split_arguments
from threatdelta.remediation.families.python_imports import parse_module
from threatdelta.remediation.families.source_file import (
    SCRIPT_SUFFIXES,
    SourceFile,
    editable_file,
    primary_location,
)

_BARE = re.compile(r"^(?P<indent>\s*)@(?P<call>strawberry\.field)\s*$")
_JS_ONE_LINE = re.compile(
    r"^(?P<indent>\s*)(?P<key>\w+):\s*(?P<async>async\s+)?\(\)\s*=>\s*(?P<expr>[^{\s].*?)(?P<comma>,?)\s*$"
)
_JS_CHECK = re.compile(r"^(?P<indent>\s*)if \(!\s*[\w.]+\)\s*throw\s+.+;\s*$")
_JS_HEADER = re.compile(r"^(?P<indent>\s*)\w+:\s*(?:async\s+)?(?P<params>\([^()]*\))\s*=>\s*\{\s*$")


class GraphqlAuth:
    name = "graphql-auth"
    rules = frozenset({"TD-S017"})

    def propose(self, request: FixRequest) -> Patch | None:
        where = primary_location(request.threat)
        source = editable_file(request, where.path)
        if source is None:
            return None
        if where.path.endswith(".py"):
            edit = _strawberry_edit(source, where.start_line)
        elif where.path.endswith(SCRIPT_SUFFIXES):
            edit = _apollo_edit(source, where.start_line)
        else:
            return None
        if edit is None:
            return None
        return Patch(
            threat_id=request.threat.id,
            rule_id=request.threat.rule_id,
            family=self.name,
            applicability=Applicability.UNSAFE,
            summary="Check the caller in this resolver the way the module's other resolvers do.",
            edits=(edit,),
            guidance="Clients that called this field anonymously now get an error.",
        )


def _strawberry_edit(source: SourceFile, number: int) -> TextEdit | None:
    tree = parse_module(source.text)
    if tree is None:
        return None
    functions = [n for n in ast.walk(tree) if isinstance(n, ast.FunctionDef | ast.AsyncFunctionDef)]
    target = next((f for f in functions if _spans(f, number)), None)
    permissions = {p for f in functions if (p := _permissions(source, f))}
    if target is None or len(permissions) != 1 or len(target.decorator_list) != 1:
        return None
    line_number = target.decorator_list[0].lineno
    found = _BARE.match(source.line(line_number))
    if found is None:
        return None
    new = f"{found.group('indent')}@{found.group('call')}(permission_classes={permissions.pop()})"
    return TextEdit(path=source.path, start=line_number, end=line_number, lines=(new,))


def _spans(function: ast.FunctionDef | ast.AsyncFunctionDef, number: int) -> bool:
    first = min([function.lineno, *(d.lineno for d in function.decorator_list)])
    return first <= number <= (function.end_lineno or function.lineno)


def _permissions(
    source: SourceFile, function: ast.FunctionDef | ast.AsyncFunctionDef
) -> str | None:
    """The source text of `permission_classes=[...]` on a `strawberry.field(...)` decorator."""
    for decorator in function.decorator_list:
        if isinstance(decorator, ast.Call) and ast.unparse(decorator.func) == "strawberry.field":
            for keyword in decorator.keywords:
                if keyword.arg == "permission_classes":
                    return ast.get_source_segment(source.text, keyword.value)
    return None


def _apollo_edit(source: SourceFile, number: int) -> TextEdit | None:
    found = _JS_ONE_LINE.match(source.line(number))
    checks = {c for n in range(1, len(source.lines) + 1) if (c := _check_with_header(source, n))}
    if found is None or len(checks) != 1:
        return None
    params, check, step = checks.pop()
    indent = found.group("indent")
    lines = (
        f"{indent}{found.group('key')}: {found.group('async') or ''}{params} => {{",
        f"{indent}{step}{check}",
        f"{indent}{step}return {found.group('expr')};",
        f"{indent}}}{found.group('comma')}",
    )
    return TextEdit(path=source.path, start=number, end=number, lines=lines)


def _check_with_header(source: SourceFile, number: int) -> tuple[str, str, str] | None:
    """(parameters, check line, indentation step) when line `number` is a caller check
    opening a resolver whose header is the line above; the parameters keep the header's
    context parameter (`{ user }`, `context`) after two placeholders."""
    check = _JS_CHECK.match(source.line(number))
    header = _JS_HEADER.match(source.line(number - 1)) if check else None
    if check is None or header is None:
        return None
    step = check.group("indent")[len(header.group("indent")) :]
    params = split_arguments(header.group("params")[1:-1])
    if not step or not check.group("indent").startswith(header.group("indent")):
        return None
    if params is None or len(params) != 3:
        return None
    return f"(_, __, {params[2]})", source.line(number).strip(), step
