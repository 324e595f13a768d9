"""Whether Spring enforces method security annotations at all: `@EnableMethodSecurity`
(pre/post on by default; `securedEnabled`, `jsr250Enabled` opt in),
`@EnableGlobalMethodSecurity` (each family opts in) and `@EnableReactiveMethodSecurity`."""

from __future__ import annotations

from threatdelta.extractors.web.spring.syntax import Annotation, Code, text
from threatdelta.model.base import Tri
from threatdelta.model.facts import CodeFact, FactKind

_SWITCHES = {"prePost": "prePostEnabled", "secured": "securedEnabled", "jsr250": "jsr250Enabled"}
_ON_BY_DEFAULT = {
    "EnableMethodSecurity": frozenset({"prePost"}),
    "EnableReactiveMethodSecurity": frozenset({"prePost"}),
    "EnableGlobalMethodSecurity": frozenset(),
}


def method_security_enabled(code: Code, annotations: list[Annotation]) -> list[CodeFact]:
    """One `method-security-enabled` fact per annotation family a class switches on."""
    facts: list[CodeFact] = []
    for annotation in annotations:
        defaults = _ON_BY_DEFAULT.get(annotation.name)
        if defaults is None:
            continue
        for family, switch in _SWITCHES.items():
            value = text(annotation.arg(switch)).strip()
            if value == "true" or (family in defaults and value != "false"):
                facts.append(
                    CodeFact(
                        kind=FactKind.METHOD_SECURITY_ENABLED,
                        location=code.location(annotation.node),
                        name=family,
                        from_input=Tri.NO,
                        detail=f"@{annotation.name} enforces {family} annotations",
                    )
                )
    return facts
