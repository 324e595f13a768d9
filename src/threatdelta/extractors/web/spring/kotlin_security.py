"""Spring Security configuration written in Kotlin: the `http { authorizeHttpRequests {
authorize("/x", permitAll) } }` DSL, Java-style chains (`it.requestMatchers("/x").permitAll()`),
CSRF switched off, in-memory users with plain-text passwords."""

from __future__ import annotations

from tree_sitter import Node

from threatdelta.extractors.web.spring.security_config import (
    ANY,
    AUTH_MECHANISMS,
    HTTP_METHODS,
    MATCHERS,
    SecurityConfig,
    access_authentication,
    csrf_fact,
    opened,
    plaintext_fact,
)
from threatdelta.extractors.web.spring.syntax import Code, last_name, strings_of, text, walk
from threatdelta.model.access_rules import AccessRule
from threatdelta.model.facts import CodeFact

_MATCHER_BUILDERS = frozenset(
    {"antMatcher", "regexMatcher", "AntPathRequestMatcher", "RegexRequestMatcher"}
)
_AUTHORIZE_BLOCKS = ("authorizeHttpRequests", "authorizeRequests", "authorizeExchange")


def kotlin_security_config(code: Code, root: Node, service: str) -> SecurityConfig:
    found: list[tuple[int, AccessRule]] = []
    facts: list[CodeFact] = []
    for node in walk(root):
        if node.type != "call_expression":
            continue
        rule = _dsl_rule(code, node, service) or _chain_rule(code, node, service)
        if rule is not None:
            found.append(rule)
            facts += opened(rule[1])
        facts += _csrf(code, node) + _plaintext(code, node)
    found.sort(key=lambda pair: pair[0])
    schemes = _schemes(root)
    rules = tuple(
        rule.model_copy(update={"order": i, "auth_schemes": schemes})
        for i, (_, rule) in enumerate(found)
    )
    return SecurityConfig(rules, tuple(dict.fromkeys(facts)))


def _schemes(root: Node) -> tuple[str, ...]:
    """`httpBasic { }` / `.httpBasic(withDefaults())` and the other mechanisms, unless the
    block or a following `.disable()` turns them off."""
    found: list[tuple[int, str]] = []
    for node in walk(root):
        if node.type != "call_expression" or call_name(node) not in AUTH_MECHANISMS:
            continue
        block = next((c for c in node.named_children if c.type == "annotated_lambda"), None)
        off = block is not None and "disable()" in text(block)
        nav = node.parent
        chained = nav.parent if nav is not None and nav.type == "navigation_expression" else None
        if chained is not None and chained.type == "call_expression":
            off = off or call_name(chained) == "disable"
        if not off:
            found.append(((name_node(node)).start_byte, AUTH_MECHANISMS[call_name(node)]))
    return tuple(dict.fromkeys(scheme for _, scheme in sorted(found)))


def call_name(call: Node) -> str:
    """`f(...)` -> `f`; `a.b.f(...)` -> `f`."""
    callee = call.named_children[0] if call.named_children else None
    if callee is not None and callee.type == "navigation_expression":
        return text(callee.named_children[-1]) if callee.named_children else ""
    return text(callee) if callee is not None and callee.type == "identifier" else ""


def name_node(call: Node) -> Node:
    """The identifier naming the called function (`password` of `a.b.password(...)`)."""
    callee = call.named_children[0] if call.named_children else call
    if callee.type == "navigation_expression" and callee.named_children:
        return callee.named_children[-1]
    return callee


def receiver(call: Node) -> Node | None:
    callee = call.named_children[0] if call.named_children else None
    if callee is None or callee.type != "navigation_expression" or not callee.named_children:
        return None
    return callee.named_children[0]


def arguments(call: Node) -> list[Node]:
    args = next((c for c in call.named_children if c.type == "value_arguments"), None)
    out: list[Node] = []
    for arg in args.named_children if args is not None else []:
        if arg.type == "value_argument" and arg.named_children:
            out.append(arg.named_children[-1])
    return out


def _dsl_rule(code: Code, node: Node, service: str) -> tuple[int, AccessRule] | None:
    """`authorize("/admin/**", permitAll)`, `authorize(HttpMethod.POST, "/x", hasRole("A"))`,
    `authorize(anyRequest, authenticated)` inside an `authorizeHttpRequests { }` block."""
    if call_name(node) != "authorize" or not _inside_authorize_block(node):
        return None
    args = arguments(node)
    if len(args) < 2:
        return None
    access = call_name(args[-1]) if args[-1].type == "call_expression" else text(args[-1])
    patterns = [s for arg in args[:-1] for s in strings_of(arg)]
    methods = [last_name(a) for a in args[:-1] if last_name(a) in HTTP_METHODS]
    if not patterns and not any(text(a) in ANY for a in args[:-1]):
        return None
    return node.start_byte, _rule(code, node, service, (patterns, methods, access))


def _chain_rule(code: Code, node: Node, service: str) -> tuple[int, AccessRule] | None:
    """`it.requestMatchers("/x").permitAll()` / `.anyRequest().authenticated()`."""
    matcher = receiver(node)
    access = call_name(node)
    if matcher is None or matcher.type != "call_expression" or not access:
        return None
    if call_name(matcher) not in MATCHERS | ANY:
        return None
    args = arguments(matcher)
    args += [a for arg in args if _builds_matcher(arg) for a in arguments(arg)]
    patterns = [s for arg in args for s in strings_of(arg)]
    methods = [last_name(a) for a in args if last_name(a) in HTTP_METHODS]
    if call_name(matcher) in MATCHERS and not patterns:
        return None
    anchor = name_node(matcher)
    return anchor.start_byte, _rule(code, anchor, service, (patterns, methods, access))


def _builds_matcher(node: Node) -> bool:
    """`antMatcher("/x")`, `AntPathRequestMatcher("/x")` given to `requestMatchers`."""
    return node.type == "call_expression" and call_name(node) in _MATCHER_BUILDERS


def _rule(
    code: Code, where: Node, service: str, parts: tuple[list[str], list[str], str]
) -> AccessRule:
    patterns, methods, access = parts
    return AccessRule(
        service=service,
        order=0,
        patterns=tuple(patterns),
        methods=tuple(methods),
        authentication=access_authentication(access),
        access=access,
        location=code.location(where),
    )


def _inside_authorize_block(node: Node) -> bool:
    current = node.parent
    while current is not None:
        if current.type == "call_expression" and call_name(current) in _AUTHORIZE_BLOCKS:
            return True
        current = current.parent
    return False


def _csrf(code: Code, node: Node) -> list[CodeFact]:
    """`csrf { disable() }`, `http.csrf { it.disable() }`, `http.csrf().disable()`."""
    name = call_name(node)
    target = receiver(node)
    if (
        name == "disable"
        and target is not None
        and target.type == "call_expression"
        and call_name(target) == "csrf"
    ):
        return [csrf_fact(code.location(name_node(target)))]
    if name == "csrf":
        block = next((c for c in node.named_children if c.type == "annotated_lambda"), None)
        if block is not None and any(
            sub.type == "call_expression" and call_name(sub) == "disable" for sub in walk(block)
        ):
            return [csrf_fact(code.location(name_node(node)))]
    return []


def _plaintext(code: Code, node: Node) -> list[CodeFact]:
    name = call_name(node)
    args = arguments(node)
    noop = name == "password" and any(s.startswith("{noop}") for a in args for s in strings_of(a))
    if noop or name == "withDefaultPasswordEncoder":
        return [plaintext_fact(code.location(name_node(node)), _user_of(node) or name, name)]
    return []


def _user_of(node: Node) -> str:
    top = node
    while top.parent is not None and top.parent.type in (
        "call_expression",
        "navigation_expression",
    ):
        top = top.parent
    for sub in walk(top):
        if sub.type == "call_expression" and call_name(sub) in ("withUsername", "username"):
            found = [s for a in arguments(sub) for s in strings_of(a)]
            if found:
                return found[0]
    return ""
