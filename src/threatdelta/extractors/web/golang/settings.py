"""Settings written in Go code: CORS options (rs/cors, gin-contrib/cors, echo, go-chi/cors),
cookies built without Secure / HttpOnly, and secrets written as literals."""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from tree_sitter import Node

from threatdelta.extractors.web.golang.syntax import (
    Code,
    arguments,
    assigned_names,
    callee,
    composite_type,
    keyed_elements,
    string_value,
    strip,
    text_of,
)
from threatdelta.model.base import Tri
from threatdelta.model.facts import CodeFact, FactKind
from threatdelta.model.secret_literals import is_real_secret, is_secret_name, known_token

_ORIGIN_KEYS = ("AllowedOrigins", "AllowOrigins")
_CORS_DEFAULTS = frozenset({("cors", "AllowAll"), ("cors", "Default"), ("middleware", "CORS")})


def cors_facts(code: Code, nodes: Sequence[Node]) -> Iterator[CodeFact]:
    for call in (n for n in nodes if n.type == "call_expression"):
        names = callee(call)
        if names in _CORS_DEFAULTS:
            yield _fact(code, call, FactKind.CORS_WILDCARD, ".".join(names), "any origin allowed")
            continue
        if not names or "cors" not in ".".join(names).lower():
            continue
        for arg in arguments(call):
            fields = keyed_elements(arg)
            if not fields:
                continue
            wildcard = fields.get("AllowAllOrigins") is not None and _true(
                fields["AllowAllOrigins"]
            )
            wildcard = wildcard or any(
                '"*"' in text_of(fields[k]) for k in _ORIGIN_KEYS if k in fields
            )
            credentials = "AllowCredentials" in fields and _true(fields["AllowCredentials"])
            if wildcard and credentials:
                detail = "wildcard origin with credentials allowed"
                yield _fact(code, call, FactKind.CORS_WILDCARD_CREDENTIALS, ".".join(names), detail)
            elif wildcard:
                yield _fact(code, call, FactKind.CORS_WILDCARD, ".".join(names), "any origin")


def cookie_facts(code: Code, nodes: Sequence[Node]) -> Iterator[CodeFact]:
    """`http.Cookie{...}` without `Secure: true`, `HttpOnly: true` or `SameSite`; gin's
    `c.SetCookie(name, value, maxAge, path, domain, secure, httpOnly)` with a false flag."""
    for part in nodes:
        if part.type == "composite_literal" and composite_type(part) == "http.Cookie":
            fields = keyed_elements(part)
            missing = [f for f in ("Secure", "HttpOnly") if not _true(fields.get(f))]
            if "SameSite" not in fields:
                missing.append("SameSite")
            if missing:
                name = string_value(fields.get("Name")) or text_of(fields.get("Name")) or "cookie"
                detail = "missing " + ", ".join(missing)
                yield _fact(code, part, FactKind.INSECURE_COOKIE, name, detail)
        elif part.type == "call_expression" and callee(part)[-1:] == ("SetCookie",):
            args = arguments(part)
            if len(args) >= 7:
                flags = {"Secure": args[5], "HttpOnly": args[6]}
                missing = [f for f, v in flags.items() if not _true(v)]
                if missing:
                    name = string_value(args[0]) or text_of(args[0])
                    detail = "missing " + ", ".join(missing)
                    yield _fact(code, part, FactKind.INSECURE_COOKIE, name, detail)


def secret_facts(code: Code, nodes: Sequence[Node]) -> Iterator[CodeFact]:
    """A secret-named variable, constant or struct field given a literal
    (`var jwtSecret = []byte("...")`, `SigningKey: []byte("...")`), a literal signing key
    (`SignedString([]byte("..."))`), or a well-known token format in any string."""
    seen: set[int] = set()
    for node in nodes:
        if node.type in ("var_spec", "const_spec", "short_var_declaration", "assignment_statement"):
            names, values = assigned_names(node)
            for name, value in zip(names, values, strict=False):
                literal = _literal_text(value)
                if literal is not None and is_secret_name(name) and is_real_secret(literal):
                    seen.add(_string_node(value).id)  # type: ignore[union-attr]
                    yield _fact(code, node, FactKind.HARDCODED_SECRET, name, "secret literal")
        elif node.type == "keyed_element":
            named = [c for c in node.named_children if c.type != "comment"]
            if len(named) == 2:
                key, literal = text_of(strip(named[0])), _literal_text(named[1])
                if literal is not None and is_secret_name(key) and is_real_secret(literal):
                    seen.add(_string_node(named[1]).id)  # type: ignore[union-attr]
                    yield _fact(code, node, FactKind.HARDCODED_SECRET, key, "secret literal")
        elif node.type == "call_expression" and callee(node)[-1:] == ("SignedString",):
            args = arguments(node)
            literal = _literal_text(args[0]) if args else None
            if literal is not None and is_real_secret(literal):
                seen.add(_string_node(args[0]).id)  # type: ignore[union-attr]
                yield _fact(code, node, FactKind.HARDCODED_SECRET, "SignedString", "signing key")
        elif (
            node.type in ("interpreted_string_literal", "raw_string_literal")
            and node.id not in seen
        ):
            token = known_token(string_value(node) or "")
            if token is not None:
                yield _fact(code, node, FactKind.HARDCODED_SECRET, token, "known token format")


def _string_node(node: Node | None) -> Node | None:
    node = strip(node)
    if node is not None and node.type == "type_conversion_expression":
        node = strip(node.child_by_field_name("operand"))
    elif node is not None and node.type == "call_expression" and len(arguments(node)) == 1:
        node = strip(arguments(node)[0])
    return node


def _literal_text(node: Node | None) -> str | None:
    """A string literal, also as `[]byte("...")`."""
    return string_value(_string_node(node))


def _true(node: Node | None) -> bool:
    node = strip(node)
    return node is not None and node.type == "true"


def _fact(code: Code, node: Node, kind: FactKind, name: str, detail: str) -> CodeFact:
    return CodeFact(
        kind=kind, location=code.location(node), name=name, from_input=Tri.NO, detail=detail
    )


def debug_and_jwt_facts(code: Code, nodes: Sequence[Node]) -> Iterator[CodeFact]:
    """gin `SetMode(gin.DebugMode)` and echo `e.Debug = true` (debug on); golang-jwt's
    `UnsafeAllowNoneSignatureType` ('none' accepted) and `ParseUnverified` (no signature
    check)."""
    for node in nodes:
        if node.type == "call_expression":
            names, args = callee(node), arguments(node)
            if names == ("gin", "SetMode") and args and _debug_mode(args[0]):
                yield _fact(code, node, FactKind.DEBUG_ENABLED, "gin.SetMode", "gin debug mode")
            elif names[-1:] == ("ParseUnverified",):
                yield CodeFact(
                    kind=FactKind.JWT_UNVERIFIED,
                    location=code.location(node),
                    name=".".join(names[-2:]),
                    detail="ParseUnverified reads the claims without checking the signature",
                )
        elif (
            node.type == "selector_expression"
            and text_of(node.child_by_field_name("field")) == "UnsafeAllowNoneSignatureType"
        ):
            name = text_of(node)
            yield _fact(code, node, FactKind.JWT_NONE_ALGORITHM, name, "'none' accepted")
        elif node.type == "assignment_statement":
            left, right = node.child_by_field_name("left"), node.child_by_field_name("right")
            if text_of(left).endswith(".Debug") and text_of(right) == "true":
                yield _fact(code, node, FactKind.DEBUG_ENABLED, text_of(left), "debug mode")


def _debug_mode(node: Node) -> bool:
    return text_of(strip(node)) in ("gin.DebugMode", '"debug"')
