"""Method security annotations (`@PreAuthorize`, `@Secured`, `@RolesAllowed`, `@PermitAll`)
on a handler or its class to authentication and object-level authorisation facts."""

from __future__ import annotations

import re
from dataclasses import dataclass

from threatdelta.extractors.web.spring.syntax import Annotation, Code, string_value
from threatdelta.model.base import Tri
from threatdelta.model.facts import CodeFact, FactKind

_EXPRESSION = frozenset({"PreAuthorize", "PostAuthorize"})
_ROLE = frozenset({"Secured", "RolesAllowed"})
_OPEN = frozenset({"PermitAll", "AnonymousAllowed"})
_CLOSED = frozenset({"DenyAll"})
SECURITY_ANNOTATIONS = _EXPRESSION | _ROLE | _OPEN | _CLOSED
_ANONYMOUS = re.compile(r"^\s*(permitAll|isAnonymous)\s*\(\s*\)\s*$")
# an expression that decides per object or per role (`#id == principal.id`,
# `@guard.owns(#id, authentication)`, `hasPermission(...)`, `hasRole('ADMIN')`) counts as
# object-level authorisation, like a permission decorator; `isAuthenticated()` does not
_PERMISSION = re.compile(
    r"#\w|\bprincipal\b|\bauthentication\b|hasPermission|returnObject|has(Any)?(Role|Authority)"
    r"|@\w"
)


@dataclass(frozen=True)
class MethodSecurity:
    authentication: Tri = Tri.UNKNOWN
    object_authorization: Tri = Tri.UNKNOWN
    guards: tuple[str, ...] = ()
    facts: tuple[CodeFact, ...] = ()


def method_security(code: Code, annotations: list[Annotation]) -> MethodSecurity | None:
    """What the first security annotation says, None when there is none."""
    for annotation in annotations:
        if annotation.name not in SECURITY_ANNOTATIONS:
            continue
        guards = (annotation.name,)
        expression = string_value(annotation.arg("value")) or ""
        if annotation.name in _OPEN or (
            annotation.name in _EXPRESSION and _ANONYMOUS.match(expression)
        ):
            fact = CodeFact(
                kind=FactKind.PERMIT_ALL,
                location=code.location(annotation.node),
                name=f"@{annotation.name}",
                from_input=Tri.NO,
                detail=f"@{annotation.name} lets anonymous callers in",
            )
            return MethodSecurity(authentication=Tri.NO, guards=guards, facts=(fact,))
        if annotation.name in _EXPRESSION and not _PERMISSION.search(expression):
            return MethodSecurity(Tri.YES, Tri.UNKNOWN, guards)
        return MethodSecurity(Tri.YES, Tri.YES, guards)
    return None


def combined(method: MethodSecurity | None, cls: MethodSecurity | None) -> MethodSecurity:
    """A method's own annotation overrides its class's (Spring's rule)."""
    return method or cls or MethodSecurity()
