"""The controls of one NestJS route, merged from its controller class and its method:
guards, the `@Public()`-style bypass, the throttler and validation pipes."""

from __future__ import annotations

from dataclasses import dataclass

from threatdelta.extractors.web.express.middleware import (
    Guard,
    GuardKind,
    authentication_of,
    names_of,
    rate_limit_of,
    schemes_of,
)
from threatdelta.extractors.web.express.syntax import Code, string_value
from threatdelta.extractors.web.nest.decorators import Decorator
from threatdelta.extractors.web.nest.guards import bypass_of, guards_of, throttle_of
from threatdelta.extractors.web.nest.validation import pipes_facts
from threatdelta.model.base import Tri
from threatdelta.model.facts import CodeFact, FactKind

HTTP = {
    "Get": "GET",
    "Post": "POST",
    "Put": "PUT",
    "Patch": "PATCH",
    "Delete": "DELETE",
    "Head": "HEAD",
    "Options": "OPTIONS",
    "All": "ANY",
}
_THROTTLED = Guard(GuardKind.RATE_LIMIT, names=("Throttle",))


@dataclass(frozen=True, slots=True)
class Controls:
    authentication: Tri
    auth_schemes: tuple[str, ...]
    rate_limited: Tri
    guards: tuple[str, ...]
    permission: bool
    facts: tuple[CodeFact, ...]


def layer_guards(decorators: list[Decorator]) -> list[Guard]:
    """Guards of one layer (class or method), with `@Throttle()` as a rate limit."""
    guards = guards_of(decorators)
    throttle, _skip = throttle_of(decorators)
    return [*guards, _THROTTLED] if throttle is not None else guards


def route_controls(
    code: Code, method_decos: list[Decorator], class_decos: list[Decorator]
) -> Controls:
    """The route's own controls. A bypass decorator (on the method or the class) makes
    authentication NO unless the method itself names an authentication guard; a
    `@SkipThrottle()` makes rate limiting NO. Both leave a fact the linker honours."""
    guards = layer_guards(method_decos)
    facts: list[CodeFact] = []
    auth = authentication_of(guards)
    bypass = bypass_of(method_decos) or bypass_of(class_decos)
    if bypass is not None and auth is not Tri.YES:
        auth = Tri.NO
        facts.append(_fact(code, FactKind.AUTH_BYPASS, bypass, "exempts the route from guards"))
    rate = rate_limit_of(guards)
    _throttle, skip = throttle_of(method_decos)
    if skip is None and not any(g.kind is GuardKind.RATE_LIMIT for g in guards):
        skip = throttle_of(class_decos)[1]
    if skip is not None:
        rate = Tri.NO
        facts.append(
            _fact(code, FactKind.THROTTLE_SKIPPED, skip, "exempts the route from rate limiting")
        )
    pipes = [a for d in (*class_decos, *method_decos) if d.name == "UsePipes" for a in d.args]
    facts += pipes_facts(pipes, code)
    return Controls(
        authentication=auth,
        auth_schemes=schemes_of(guards),
        rate_limited=rate,
        guards=names_of(guards),
        permission=any(g.kind is GuardKind.PERMISSION for g in guards),
        facts=tuple(facts),
    )


def _fact(code: Code, kind: FactKind, d: Decorator, what: str) -> CodeFact:
    return CodeFact(
        kind=kind,
        location=code.location(d.node),
        name=d.name,
        from_input=Tri.NO,
        detail=f"@{d.name}() {what}",
    )


def route_paths(d: Decorator) -> list[str]:
    """`@Get()` -> [''], `@Get(':id')` -> [':id'], `@Get(['a', 'b'])` -> ['a', 'b']; an
    argument that is not a literal gives no path."""
    if not d.args:
        return [""]
    first = d.args[0]
    if first.type == "array":
        values = [string_value(item) for item in first.named_children]
        return [v for v in values if v is not None]
    value = string_value(first)
    return [value] if value is not None else []
