"""Apply service-wide access rules (Spring Security path matchers) to the endpoints of
their service: the first rule that matches an endpoint's method and path decides whether
the filter chain requires authentication, unless method security already requires it."""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Sequence
from functools import cache

from threatdelta.model.access_rules import AccessRule
from threatdelta.model.base import Evidence, EvidenceRole, Tri
from threatdelta.model.elements import Endpoint
from threatdelta.model.facts import CodeFact, FactKind
from threatdelta.model.fragment import ModelFragment
from threatdelta.model.link_method_security import enforce_method_security

SPRING_SOURCE = "spring"
# sources whose services declare path-matcher access rules (Next.js: `middleware.ts`)
_RULED_SOURCES = frozenset({SPRING_SOURCE, "nextjs"})
_PARAM = re.compile(r"^\{[^}]*\}$")


def apply_access_rules(
    fragments: Sequence[ModelFragment], endpoints: list[Endpoint]
) -> list[Endpoint]:
    """Endpoints with the access rule of their service applied (Spring endpoints only),
    after dropping what unenforced method security annotations gave them."""
    endpoints = enforce_method_security(fragments, endpoints)
    rules: dict[str, list[AccessRule]] = defaultdict(list)
    for frag in fragments:
        for rule in frag.access_rules:
            rules[rule.service].append(rule)
    if not rules:
        return endpoints
    for table in rules.values():
        table.sort(key=lambda r: (r.location.path, r.order))
    return [_apply(ep, rules.get(ep.service, [])) for ep in endpoints]


def _apply(ep: Endpoint, table: list[AccessRule]) -> Endpoint:
    if _RULED_SOURCES.isdisjoint(ep.sources):
        return ep
    rule = next((r for r in table if matches(r, ep.method, ep.path)), None)
    if rule is None:
        return ep
    authentication = ep.authentication
    if authentication is not Tri.YES and rule.authentication is not Tri.UNKNOWN:
        authentication = rule.authentication
    schemes = rule.auth_schemes if rule.authentication is Tri.YES else ()
    facts = ep.facts
    if rule.authentication is Tri.NO and authentication is Tri.NO:
        opened = CodeFact(
            kind=FactKind.PERMIT_ALL,
            location=rule.location,
            name=f"{rule.access} {' '.join(rule.patterns) or 'anyRequest'}",
            from_input=Tri.NO,
            detail=f"the security filter chain lets anonymous callers reach {ep.path}",
        )
        facts = (*facts, opened)
    return ep.model_copy(
        update={
            "authentication": authentication,
            "guards": tuple(dict.fromkeys((*ep.guards, rule.access))),
            "auth_schemes": tuple(dict.fromkeys((*ep.auth_schemes, *schemes))),
            "evidence": (
                *ep.evidence,
                Evidence(location=rule.location, role=EvidenceRole.CONFIG),
            ),
            "facts": facts,
        }
    )


def matches(rule: AccessRule, method: str, path: str) -> bool:
    if rule.methods and method not in rule.methods:
        return False
    if not rule.patterns:
        return True
    segments = tuple(s for s in path.split("/") if s)
    return any(_match(_segments(p), segments) for p in rule.patterns)


def _segments(pattern: str) -> tuple[str, ...]:
    return tuple(s for s in pattern.split("/") if s)


def _match(pattern: tuple[str, ...], path: tuple[str, ...]) -> bool:
    """Ant-style matching of path segments (`**` spans any number of segments)."""

    @cache
    def at(i: int, j: int) -> bool:
        if i == len(pattern):
            return j == len(path)
        if pattern[i] == "**":
            return at(i + 1, j) or (j < len(path) and at(i, j + 1))
        return j < len(path) and _segment(pattern[i], path[j]) and at(i + 1, j + 1)

    return at(0, 0)


def _segment(pattern: str, segment: str) -> bool:
    """A path parameter (`{id}`) matches a wildcard or a parameter, never a literal."""
    if _PARAM.match(segment):
        return "*" in pattern or bool(_PARAM.match(pattern))
    regex = "".join(
        "[^/]*"
        if part == "*"
        else "[^/]"
        if part == "?"
        else "[^/]+"
        if part.startswith("{")
        else re.escape(part)
        for part in re.split(r"(\*|\?|\{[^}]*\})", pattern)
        if part
    )
    return re.fullmatch(regex, segment) is not None
