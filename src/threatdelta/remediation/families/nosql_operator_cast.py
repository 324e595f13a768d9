"""Client values cast to strings and matched with `$eq` in a NoSQL filter (TD-T006).

JavaScript on the flagged line: a whole request part given as the filter
(`Model.find(req.query)`) becomes
`Object.fromEntries(Object.entries(req.query).map(([key, value]) =>
[key, { $eq: String(value) }]))` (on one line), and so does a name holding it. A value
such as `{"$ne": null}` is then a plain string compared for equality, so no operator can
be injected. Other filters (pymongo, properties taken one by one) get no patch. Unsafe: a repeated
query parameter (an array) and non-string values now compare as their string form.
"""

from __future__ import annotations

import re

from threatdelta.findings.edit import TextEdit
from threatdelta.findings.threat import Applicability
from threatdelta.remediation.base import FixRequest, Patch
from threatdelta.remediation.families.source_file import (
    SCRIPT_SUFFIXES,
    editable_file,
    primary_location,
)

_WHOLE = re.compile(
    r"\.(?:find|findOne|countDocuments|deleteMany|deleteOne)"
    r"\((?P<part>req\.(?:query|body)|[A-Za-z_$][\w$]*)\)"
)


class NosqlOperatorCast:
    name = "nosql-operator-cast"
    rules = frozenset({"TD-T006"})

    def propose(self, request: FixRequest) -> Patch | None:
        where = primary_location(request.threat)
        if not where.path.endswith(SCRIPT_SUFFIXES):
            return None
        source = editable_file(request, where.path)
        if source is None:
            return None
        line = source.line(where.start_line)
        new = _cast_line(line)
        if new is None or new == line:
            return None
        return Patch(
            threat_id=request.threat.id,
            rule_id=request.threat.rule_id,
            family=self.name,
            applicability=Applicability.UNSAFE,
            summary="Match each client value as a string with $eq, so no query operator can "
            "be injected.",
            edits=(
                TextEdit(
                    path=source.path, start=where.start_line, end=where.start_line, lines=(new,)
                ),
            ),
            guidance="Repeated parameters and numbers are now compared as strings; cast them "
            "explicitly where the schema does not.",
        )


def _cast_line(line: str) -> str | None:
    whole = _WHOLE.search(line)
    if whole is not None:
        part = whole.group("part")
        cast = (
            f"Object.fromEntries(Object.entries({part}).map("
            "([key, value]) => [key, { $eq: String(value) }]))"
        )
        return line[: whole.start("part")] + cast + line[whole.end("part") :]
    return None
