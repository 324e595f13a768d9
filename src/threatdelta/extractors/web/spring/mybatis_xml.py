"""MyBatis XML mapper files (`*Mapper.xml`): statements whose SQL interpolates `${...}`.
Read with regular expressions, never with an XML parser (no entities, no DTDs)."""

from __future__ import annotations

import re

from threatdelta.model.base import Location, Tri
from threatdelta.model.facts import CodeFact, FactKind

_NAMESPACE = re.compile(r"<mapper\b[^>]*\bnamespace\s*=\s*[\"']([^\"']+)[\"']")
_STATEMENT = re.compile(
    r"<(select|update|insert|delete|sql)\b[^>]*?\bid\s*=\s*[\"']([^\"']+)[\"'][^>]*>(.*?)</\1\s*>",
    re.DOTALL | re.IGNORECASE,
)
_INTERPOLATION = re.compile(r"\$\{\s*([\w.]+)")
_COMMENT = re.compile(r"<!--.*?-->", re.DOTALL)


def is_mapper_xml(text: str) -> bool:
    return "<mapper" in text


def mapper_xml_facts(path: str, text: str) -> list[CodeFact]:
    """One `sql-raw` fact per statement whose body has `${...}`, at its first use."""
    clean = _COMMENT.sub(lambda m: re.sub(r"[^\n]", " ", m.group(0)), text)
    found = _NAMESPACE.search(clean)
    owner = found.group(1).rsplit(".", 1)[-1] if found else ""
    facts: list[CodeFact] = []
    for statement in _STATEMENT.finditer(clean):
        body_start = statement.start(3)
        names = list(_INTERPOLATION.finditer(statement.group(3)))
        if not names:
            continue
        line = clean.count("\n", 0, body_start + names[0].start()) + 1
        facts.append(
            CodeFact(
                kind=FactKind.SQL_RAW,
                location=Location(path=path, start_line=line, end_line=line),
                name=f"{owner}.{statement.group(2)}" if owner else statement.group(2),
                from_input=Tri.YES,
                detail="MyBatis ${} pastes "
                + ", ".join(dict.fromkeys(n.group(1) for n in names))
                + " into the SQL text",
            )
        )
    return facts
