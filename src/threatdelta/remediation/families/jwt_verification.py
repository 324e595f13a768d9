"""Signed JWT verification instead of unverified tokens (TD-S003, TD-S004).

Python (PyJWT): `jwt.decode(token, options={"verify_signature": False})` becomes
`jwt.decode(token, <key>, algorithms=[...])`. JavaScript (jsonwebtoken): `jwt.decode(token)`
becomes `jwt.verify(token, <key>, { algorithms: [...] })`. The key and the algorithm list are
the ones another verification in the module already uses, else the `JWT_SECRET` environment
variable and HS256; never a literal. `"none"` is dropped from an algorithm allow-list.
Unsafe when the key source changes (tokens signed with another key are refused afterwards,
and `jwt.verify` throws where `jwt.decode` returned null); safe when only `"none"` goes.
"""

from __future__ import annotations

import re

from threatdelta.findings.edit import TextEdit
from threatdelta.findings.threat import Applicability
from threatdelta.remediation.base import FixRequest, Patch
from threatdelta.remediation.families.python_imports import import_edit, parse_module
from threatdelta.remediation.families.source_file import SourceFile, editable_file, primary_location

_NONE_ITEM = re.compile(r"""\s*,\s*(['"])none\1|(['"])none\2\s*,\s*""", re.IGNORECASE)
_PY_UNVERIFIED = re.compile(
    r"""\bjwt\.decode\(\s*(?P<token>[\w.\[\]'"]+)\s*,\s*options\s*=\s*\{\s*["']verify_signature["']\s*:\s*False\s*\}\s*\)"""
)
_PY_KEYED = re.compile(
    r"""\bjwt\.decode\(\s*[\w.\[\]'"]+\s*,\s*(?P<key>[A-Za-z_][\w.]*(?:\(\))?)\s*,\s*algorithms\s*=\s*(?P<algs>\[[^\]]*\])"""
)
_JS_UNVERIFIED = re.compile(r"\bjwt\.decode\(\s*(?P<token>[\w.?\[\]]+)\s*\)")
_JS_KEYED = re.compile(
    r"\bjwt\.verify\(\s*[^,()]+,\s*(?P<key>[A-Za-z_$][\w.$]*)\s*(?:,\s*\{\s*algorithms\s*:\s*(?P<algs>\[[^\]]*\]))?"
)
_LITERAL_KEY = re.compile(r"['\"`]")


class JwtVerification:
    name = "jwt-verification"
    rules = frozenset({"TD-S003", "TD-S004"})

    def propose(self, request: FixRequest) -> Patch | None:
        where = primary_location(request.threat)
        source = editable_file(request, where.path)
        if source is None:
            return None
        if request.threat.rule_id == "TD-S004":
            edits = _without_none(source, where.start_line)
            applicability = Applicability.SAFE
        else:
            edits = _verification_edits(source, where.start_line)
            applicability = Applicability.UNSAFE
        if not edits:
            return None
        return Patch(
            threat_id=request.threat.id,
            rule_id=request.threat.rule_id,
            family=self.name,
            applicability=applicability,
            summary="Verify the token's signature with the configured key and an explicit "
            "algorithm allow-list.",
            edits=edits,
            guidance="Tokens signed with another key (or unsigned) are refused afterwards; "
            "make sure the issuer signs with this key, and that a failed verification "
            "answers 401.",
        )


def _without_none(source: SourceFile, number: int) -> tuple[TextEdit, ...]:
    line = source.line(number)
    new = _NONE_ITEM.sub("", line, count=1)
    return (
        (TextEdit(path=source.path, start=number, end=number, lines=(new,)),) if new != line else ()
    )


def _verification_edits(source: SourceFile, number: int) -> tuple[TextEdit, ...]:
    line = source.line(number)
    if source.path.endswith(".py"):
        found = _PY_UNVERIFIED.search(line)
        keyed = _PY_KEYED.search(source.text)
        tree = parse_module(source.text)
        if found is None or tree is None:
            return ()
        key, algs = (
            (keyed.group("key"), keyed.group("algs"))
            if keyed
            else ('os.environ["JWT_SECRET"]', '["HS256"]')
        )
        call = f"jwt.decode({found.group('token')}, {key}, algorithms={algs})"
        imported = None if keyed else import_edit(source.path, tree, "os")
    else:
        found = _JS_UNVERIFIED.search(line)
        keyed = _JS_KEYED.search(source.text)
        if found is None:
            return ()
        q = source.quote
        key = (
            keyed.group("key")
            if keyed and not _LITERAL_KEY.search(keyed.group("key"))
            else "process.env.JWT_SECRET"
        )
        algs = keyed.group("algs") if keyed and keyed.group("algs") else f"[{q}HS256{q}]"
        call = f"jwt.verify({found.group('token')}, {key}, {{ algorithms: {algs} }})"
        imported = None
    new = line[: found.start()] + call + line[found.end() :]
    edit = TextEdit(path=source.path, start=number, end=number, lines=(new,))
    return (edit,) if imported is None else (imported, edit)
