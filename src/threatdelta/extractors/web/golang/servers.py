"""How a Go file serves HTTP and calls out over TLS: servers started without read
timeouts, plain HTTP or TLS, profiling handlers (`net/http/pprof`, `expvar`) reachable on
the default mux, and TLS clients that skip certificate verification."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from tree_sitter import Node

from threatdelta.extractors.web.golang.imports import Framework, Imports
from threatdelta.extractors.web.golang.syntax import (
    Code,
    arguments,
    callee,
    chain,
    composite_type,
    declared_in,
    keyed_elements,
    string_value,
    strip,
    text_of,
)
from threatdelta.model.base import Tri
from threatdelta.model.facts import CodeFact, FactKind

_TIMEOUT_FIELDS = ("ReadTimeout", "ReadHeaderTimeout")
_DEBUG_IMPORTS = ("net/http/pprof", "expvar")
_LOOPBACK = ("localhost:", "127.", "[::1]:", "::1:")


@dataclass(frozen=True)
class Serving:
    facts: tuple[CodeFact, ...]
    plain_http: Tri  # YES: served over plain HTTP somewhere; NO: only over TLS
    serves: bool  # the file starts a server


@dataclass(frozen=True)
class _Start:
    call: Node
    tls: bool
    address: Node | None
    handler: Node | None  # None: the default mux
    timeouts: bool


def serving(code: Code, nodes: Sequence[Node], imports: Imports) -> Serving:
    """`nodes`: every node of the file, in document order."""
    starts = list(_starts(nodes, imports))
    facts = [_no_timeouts(code, s) for s in starts if not s.timeouts]
    facts += _tls_skipped(code, nodes)
    facts += _debug_handlers(code, nodes, starts)
    plain = Tri.UNKNOWN
    if starts:
        plain = Tri.YES if any(not s.tls for s in starts) else Tri.NO
    if "autocert" in " ".join(imports.paths.values()):
        plain = Tri.NO if plain is Tri.UNKNOWN else plain
    return Serving(tuple(facts), plain, bool(starts))


def _starts(nodes: Sequence[Node], imports: Imports) -> Iterator[_Start]:
    servers = _server_literals(nodes)
    assigned = _assigned_timeouts(nodes)
    for call in (n for n in nodes if n.type == "call_expression"):
        names, args = callee(call), arguments(call)
        if names in (("http", "ListenAndServe"), ("http", "ListenAndServeTLS")):
            tls = names[1].endswith("TLS")
            handler = args[3 if tls else 1] if len(args) > (3 if tls else 1) else None
            yield _Start(call, tls, args[0] if args else None, _mux(handler), False)
        elif len(names) == 2 and names[1] in ("ListenAndServe", "ListenAndServeTLS", "Serve"):
            server = servers.get(names[0])
            if server is not None:
                fields = keyed_elements(server)
                timeouts = any(f in fields for f in _TIMEOUT_FIELDS) or names[0] in assigned
                yield _Start(
                    call,
                    names[1].endswith("TLS"),
                    fields.get("Addr"),
                    _mux(fields.get("Handler")),
                    timeouts,
                )
        elif len(names) == 2 and not imports.is_package(names[0]):
            yield from _engine_start(call, names, args, imports, assigned)


def _engine_start(
    call: Node, names: tuple[str, ...], args: list[Node], imports: Imports, assigned: set[str]
) -> Iterator[_Start]:
    """gin's `r.Run(addr)` and echo's `e.Start(addr)` start a server without timeouts."""
    frameworks = {imports.framework(p) for p in imports.paths}
    engine = call  # any non-nil handler: not the default mux
    if Framework.GIN in frameworks and names[1] in ("Run", "RunTLS"):
        yield _Start(call, names[1] == "RunTLS", args[0] if args else None, engine, False)
    elif Framework.ECHO in frameworks and names[1] in ("Start", "StartTLS", "StartAutoTLS"):
        timeouts = names[0] in assigned
        yield _Start(call, names[1] != "Start", args[0] if args else None, engine, timeouts)


def _mux(handler: Node | None) -> Node | None:
    """The handler served, or None for the default mux (`nil`, `http.DefaultServeMux`)."""
    handler = strip(handler)
    if handler is None or handler.type == "nil" or chain(handler) == ("http", "DefaultServeMux"):
        return None
    return handler


def _server_literals(nodes: Sequence[Node]) -> dict[str, Node]:
    """Variables bound to an `http.Server{...}` literal (`srv := &http.Server{...}`)."""
    out: dict[str, Node] = {}
    for node in nodes:
        if node.type in ("short_var_declaration", "var_spec", "assignment_statement"):
            left = node.child_by_field_name("left") or node.child_by_field_name("name")
            right = node.child_by_field_name("right") or node.child_by_field_name("value")
            if left is None or right is None or not right.named_children:
                continue
            value = right.named_children[0]
            if composite_type(value) == "http.Server":
                out[text_of(left.named_children[0] if left.named_children else left)] = value
    return out


def _assigned_timeouts(nodes: Sequence[Node]) -> set[str]:
    """Variables whose read timeout is set after construction (`srv.ReadTimeout = ...`,
    `e.Server.ReadHeaderTimeout = ...`)."""
    out: set[str] = set()
    for node in nodes:
        if node.type == "assignment_statement":
            left = node.child_by_field_name("left")
            for target in left.named_children if left is not None else []:
                names = chain(target)
                if names and names[-1] in _TIMEOUT_FIELDS:
                    out.add(names[0])
    return out


def _no_timeouts(code: Code, start: _Start) -> CodeFact:
    how = text_of(start.call.child_by_field_name("function"))
    where = f"({text_of(start.address)})" if start.address is not None else ""
    return CodeFact(
        kind=FactKind.SERVER_TIMEOUTS_MISSING,
        location=code.location(start.call),
        name=_qualified(start.call, how + where),
        from_input=Tri.NO,
        detail=f"{how} serves without a ReadTimeout or ReadHeaderTimeout",
    )


def _tls_skipped(code: Code, nodes: Sequence[Node]) -> list[CodeFact]:
    facts: list[CodeFact] = []
    for node in nodes:
        if node.type == "keyed_element":
            named = [c for c in node.named_children if c.type != "comment"]
            if len(named) == 2 and text_of(strip(named[0])) == "InsecureSkipVerify":
                value = strip(named[1])
                if value is not None and value.type == "true":
                    facts.append(_skip_fact(code, node))
        elif node.type == "assignment_statement":
            left, right = node.child_by_field_name("left"), node.child_by_field_name("right")
            if (
                left is not None
                and chain(left.named_children[0] if left.named_children else left)[-1:]
                == ("InsecureSkipVerify",)
                and right is not None
                and text_of(right) == "true"
            ):
                facts.append(_skip_fact(code, node))
    return facts


def _skip_fact(code: Code, node: Node) -> CodeFact:
    return CodeFact(
        kind=FactKind.TLS_VERIFY_DISABLED,
        location=code.location(node),
        name=_qualified(node, "InsecureSkipVerify"),
        from_input=Tri.NO,
        detail="tls.Config with InsecureSkipVerify: true accepts any server certificate",
    )


def _debug_handlers(code: Code, nodes: Sequence[Node], starts: list[_Start]) -> list[CodeFact]:
    """pprof / expvar register on the default mux when imported: exposed when this file
    serves the default mux on an address that is not loopback. gin-contrib's
    `pprof.Register(r)` and chi's `middleware.Profiler()` serve them with the app."""
    facts: list[CodeFact] = []
    public = [s for s in starts if s.handler is None and not _loopback(s.address)]
    for spec in (n for n in nodes if n.type == "import_spec") if public else ():
        path = string_value(spec.child_by_field_name("path")) or ""
        if path in _DEBUG_IMPORTS:
            facts.append(_debug_fact(code, spec, path, public[0]))
    for call in (n for n in nodes if n.type == "call_expression"):
        names = callee(call)
        if names[-1:] == ("Profiler",) or (names == ("pprof", "Register")):
            facts.append(
                CodeFact(
                    kind=FactKind.DEBUG_ENDPOINTS,
                    location=code.location(call),
                    name=".".join(names),
                    from_input=Tri.NO,
                    detail="profiling handlers mounted on the application's router",
                )
            )
    return facts


def _debug_fact(code: Code, spec: Node, name: str, start: _Start) -> CodeFact:
    where = text_of(start.address) if start.address is not None else "the default address"
    return CodeFact(
        kind=FactKind.DEBUG_ENDPOINTS,
        location=code.location(spec),
        name=name,
        from_input=Tri.NO,
        detail=f"{name} handlers on http.DefaultServeMux, served at {where} "
        f"(line {start.call.start_point.row + 1})",
    )


def _qualified(node: Node, name: str) -> str:
    where = declared_in(node)
    return f"{where}: {name}" if where else name


def _loopback(address: Node | None) -> bool:
    value = string_value(address)
    return value is not None and value.startswith(_LOOPBACK)
