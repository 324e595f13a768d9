"""Only relative redirects to a target taken from the request (TD-T005).

Express: the last argument of `res.redirect(...)` on the flagged line is wrapped in
`sanitizeRedirect(...)`, a module-level function inserted above the route (or reused when
the module already defines it) that keeps a target starting with one `/` (a path on this
site) and replaces anything else with `/`. Unsafe: a legitimate absolute URL, for example
to a partner site, now lands on `/`; a host allow-list has to be added by hand for those.
Other frameworks get no patch.
"""

from __future__ import annotations

import re

from threatdelta.findings.edit import TextEdit
from threatdelta.findings.threat import Applicability
from threatdelta.remediation.base import FixRequest, Patch
from threatdelta.remediation.families.path_arguments import split_arguments
from threatdelta.remediation.families.source_file import SourceFile, editable_file, primary_location

_HELPER = "sanitizeRedirect"
_REDIRECT = re.compile(r"\b(?P<res>res|response)\.redirect\((?P<args>.*)\);?\s*$")
_JS_EXTENSIONS = (".js", ".mjs", ".cjs", ".jsx")
_TS_EXTENSIONS = (".ts", ".tsx")


class RedirectAllowList:
    name = "redirect-allow-list"
    rules = frozenset({"TD-T005"})

    def propose(self, request: FixRequest) -> Patch | None:
        where = primary_location(request.threat)
        if not where.path.endswith(_JS_EXTENSIONS + _TS_EXTENSIONS):
            return None
        source = editable_file(request, where.path)
        new = _wrapped(source.line(where.start_line)) if source else None
        if source is None or new is None:
            return None
        edits = [
            TextEdit(path=source.path, start=where.start_line, end=where.start_line, lines=(new,))
        ]
        if not re.search(rf"\bfunction {_HELPER}\(", source.text):
            start = _statement_start(source, where.start_line)
            lines = _helper(source, typed=where.path.endswith(_TS_EXTENSIONS))
            edits.insert(0, TextEdit(path=source.path, start=start, end=start - 1, lines=lines))
        return Patch(
            threat_id=request.threat.id,
            rule_id=request.threat.rule_id,
            family=self.name,
            applicability=Applicability.UNSAFE,
            summary="Redirect only to paths on this site; any other target goes to '/'.",
            edits=tuple(edits),
            guidance="Legitimate absolute URLs (other hosts) now land on '/': add an "
            "allow-list of hosts if the flow needs them.",
        )


def _wrapped(line: str) -> str | None:
    found = _REDIRECT.search(line)
    if found is None or _HELPER in line:
        return None
    inside = found.group("args")
    args = split_arguments(inside)
    if not args or len(args) > 2:
        return None
    target = args[-1]
    start = found.start("args") + inside.rfind(target)
    return line[:start] + f"{_HELPER}({target})" + line[start + len(target) :]


def _statement_start(source: SourceFile, number: int) -> int:
    """The first line of the top-level statement holding line `number`, above its
    leading comments."""
    start = number
    while start > 1 and not re.match(r"[A-Za-z_$]", source.line(start)):
        start -= 1
    while start > 1 and source.line(start - 1).lstrip().startswith(("//", "/*", "*")):
        start -= 1
    return start


def _helper(source: SourceFile, *, typed: bool) -> tuple[str, ...]:
    quote = source.quote
    step = source.style.indent_unit or "  "
    slash, double, back = (f"{quote}{text}{quote}" for text in ("/", "//", "/\\\\"))
    signature = "target: unknown): string" if typed else "target)"
    return (
        f"function {_HELPER}({signature} {{",
        f"{step}const value = String(target ?? {quote}{quote});",
        f"{step}const local = value.startsWith({slash}) && !value.startsWith({double}) "
        f"&& !value.startsWith({back});",
        f"{step}return local ? value : {slash};",
        "}",
        "",
    )
