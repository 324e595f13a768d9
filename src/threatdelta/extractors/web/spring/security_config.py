"""Spring Security configuration in Java (`SecurityFilterChain` beans, the older
`WebSecurityConfigurerAdapter.configure(HttpSecurity)`, WebFlux `ServerHttpSecurity`):
path-matcher access rules, CSRF switched off, in-memory users with plain-text passwords."""

from __future__ import annotations

from dataclasses import dataclass

from tree_sitter import Node

from threatdelta.extractors.web.spring.syntax import (
    Code,
    arguments,
    call_name,
    created_type,
    last_name,
    receiver,
    receiver_name,
    strings_of,
    text,
    walk,
)
from threatdelta.model.access_rules import AccessRule
from threatdelta.model.base import Location, Tri
from threatdelta.model.facts import CodeFact, FactKind

MATCHERS = frozenset(
    {"requestMatchers", "antMatchers", "mvcMatchers", "regexMatchers", "pathMatchers"}
)
AUTH_MECHANISMS = {
    "httpBasic": "basic",
    "formLogin": "session",
    "oauth2ResourceServer": "bearer",
    "oauth2Login": "oauth2",
    "saml2Login": "saml2",
    "x509": "x509",
}
_MATCHER_FACTORIES = frozenset({"antMatcher", "regexMatcher", "pattern"})
_MATCHER_TYPES = frozenset({"AntPathRequestMatcher", "RegexRequestMatcher", "MvcRequestMatcher"})
ANY = frozenset({"anyRequest", "anyExchange"})
OPEN = frozenset({"permitAll", "anonymous"})
CLOSED = frozenset(
    {
        "authenticated",
        "fullyAuthenticated",
        "hasRole",
        "hasAnyRole",
        "hasAuthority",
        "hasAnyAuthority",
        "denyAll",
        "rememberMe",
    }
)
OTHER = frozenset({"access", "hasIpAddress", "not"})
HTTP_METHODS = frozenset({"GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS"})


@dataclass(frozen=True)
class SecurityConfig:
    rules: tuple[AccessRule, ...]
    facts: tuple[CodeFact, ...]


def security_config(code: Code, root: Node, service: str) -> SecurityConfig:
    found: list[tuple[int, AccessRule]] = []
    facts: list[CodeFact] = []
    for node in walk(root):
        if node.type != "method_invocation":
            continue
        rule = _access_rule(code, node, service)
        if rule is not None:
            found.append(rule)
            facts += opened(rule[1])
        facts += _csrf(code, node) + _plaintext_password(code, node)
    # a chain nests its first matcher deepest: the order written is the matchers' position
    found.sort(key=lambda pair: pair[0])
    schemes = _schemes(root)
    rules = tuple(
        rule.model_copy(update={"order": i, "auth_schemes": schemes})
        for i, (_, rule) in enumerate(found)
    )
    return SecurityConfig(rules, tuple(dict.fromkeys(facts)))


def _schemes(root: Node) -> tuple[str, ...]:
    """How the file's filter chains authenticate: `httpBasic` -> basic, `formLogin` ->
    session, `oauth2ResourceServer` -> bearer, `oauth2Login` -> oauth2 (not when disabled)."""
    found: list[tuple[int, str]] = []
    for node in walk(root):
        if node.type != "method_invocation" or call_name(node) not in AUTH_MECHANISMS:
            continue
        parent = node.parent
        turned_off = (
            parent is not None
            and parent.type == "method_invocation"
            and (call_name(parent) == "disable" and receiver(parent) == node)
        )
        if not turned_off and not any(_disables(arg) for arg in arguments(node)):
            found.append(
                (
                    (node.child_by_field_name("name") or node).start_byte,
                    AUTH_MECHANISMS[call_name(node)],
                )
            )
    return tuple(dict.fromkeys(scheme for _, scheme in sorted(found)))


def _disables(arg: Node) -> bool:
    """`X::disable` or `c -> c.disable()` given to a configurer."""
    if arg.type == "method_reference":
        return text(arg).replace(" ", "").endswith("::disable")
    return arg.type == "lambda_expression" and ".disable()" in text(arg)


def _access_rule(code: Code, node: Node, service: str) -> tuple[int, AccessRule] | None:
    """The rule of `<matcher>(...).<access>()` and where its matcher is written."""
    access = call_name(node)
    matcher = receiver(node)
    if access not in OPEN | CLOSED | OTHER or matcher is None:
        return None
    if matcher.type != "method_invocation" or call_name(matcher) not in MATCHERS | ANY:
        return None
    patterns, methods = _matcher_parts(arguments(matcher))
    if call_name(matcher) in MATCHERS and not patterns:
        return None  # matchers built from objects (static resources, custom): unknown paths
    authentication = access_authentication(access)
    name = matcher.child_by_field_name("name") or matcher
    return name.start_byte, AccessRule(
        service=service,
        order=0,
        patterns=tuple(patterns),
        methods=tuple(methods),
        authentication=authentication,
        access=access,
        location=code.location(name),
    )


def _matcher_parts(args: list[Node]) -> tuple[list[str], list[str]]:
    """Patterns and HTTP methods of matcher arguments, also through `antMatcher("/x")`,
    `new AntPathRequestMatcher("/x", "POST")` and `mvc.pattern("/x")`."""
    patterns: list[str] = []
    methods: list[str] = []
    for arg in args:
        if arg.type == "field_access" and last_name(arg) in HTTP_METHODS:
            methods.append(last_name(arg))
        elif _builds_matcher(arg):
            inner_patterns, inner_methods = _matcher_parts(arguments(arg)[:2])
            patterns += [p for p in inner_patterns if p.upper() not in HTTP_METHODS]
            methods += inner_methods + [p for p in inner_patterns if p.upper() in HTTP_METHODS]
        patterns += strings_of(arg)
    return patterns, methods


def _builds_matcher(node: Node) -> bool:
    if node.type == "method_invocation":
        return call_name(node) in _MATCHER_FACTORIES
    return node.type == "object_creation_expression" and created_type(node) in _MATCHER_TYPES


def access_authentication(access: str) -> Tri:
    """What an access call requires: NO for `permitAll`/`anonymous`, YES for a role or
    authentication, UNKNOWN for an expression or an address check."""
    return Tri.NO if access in OPEN else Tri.YES if access in CLOSED else Tri.UNKNOWN


def opened(rule: AccessRule) -> list[CodeFact]:
    if rule.authentication is not Tri.NO:
        return []
    where = " ".join(rule.patterns) or "anyRequest"
    return [
        CodeFact(
            kind=FactKind.PERMIT_ALL,
            location=rule.location,
            name=f"{rule.access} {where}",
            from_input=Tri.NO,
            detail=f"{rule.access}() for {where} in the security filter chain",
        )
    ]


def _csrf(code: Code, node: Node) -> list[CodeFact]:
    """`csrf().disable()`, `csrf(c -> c.disable())`, `csrf(AbstractHttpConfigurer::disable)`."""
    name = call_name(node)
    off = False
    if name == "disable" and receiver_name(node) == "csrf":
        target = receiver(node)
        node = target if target is not None else node
        off = True
    elif name == "csrf":
        off = any(
            (arg.type == "method_reference" and text(arg).replace(" ", "").endswith("::disable"))
            or (arg.type == "lambda_expression" and ".disable()" in text(arg))
            for arg in arguments(node)
        )
    if not off:
        return []
    return [csrf_fact(code.location(node.child_by_field_name("name") or node))]


def csrf_fact(where: Location) -> CodeFact:
    return CodeFact(
        kind=FactKind.CSRF_DISABLED,
        location=where,
        name="csrf",
        from_input=Tri.NO,
        detail="CSRF protection disabled in the Spring Security filter chain",
    )


def _plaintext_password(code: Code, node: Node) -> list[CodeFact]:
    """`.password("{noop}...")`, `User.withDefaultPasswordEncoder()`,
    `NoOpPasswordEncoder.getInstance()`."""
    name = call_name(node)
    args = arguments(node)
    plain = (
        name == "password"
        and len(args) == 1
        and any(s.startswith("{noop}") for s in strings_of(args[0]))
    )
    if name == "withDefaultPasswordEncoder" or (
        name == "getInstance" and receiver_name(node) == "NoOpPasswordEncoder"
    ):
        plain = True
    if not plain:
        return []
    where = code.location(node.child_by_field_name("name") or node)
    return [plaintext_fact(where, _user_of(node) or name, name)]


def plaintext_fact(where: Location, user: str, how: str) -> CodeFact:
    return CodeFact(
        kind=FactKind.PLAINTEXT_PASSWORD,
        location=where,
        name=user,
        from_input=Tri.NO,
        detail=f"password kept in plain text ({how})",
    )


def _user_of(node: Node) -> str:
    """The user name of a `User.withUsername("x")...` builder chain the call is part of."""
    top = node
    while top.parent is not None and top.parent.type == "method_invocation":
        top = top.parent
    for sub in walk(top):
        if sub.type == "method_invocation" and call_name(sub) in ("withUsername", "username"):
            found = [s for a in arguments(sub) for s in strings_of(a)]
            if found:
                return found[0]
    return ""
