"""`new ApolloServer({...})` options as facts: introspection, CSRF prevention, batching,
validation rules (depth and cost limits), landing-page plugins; its `resolvers` and
`typeDefs`; an authenticating `context`; and the path it is mounted at
(`app.use('/graphql', expressMiddleware(server))`, `server.applyMiddleware({path})`)."""

from __future__ import annotations

from dataclasses import dataclass, field

from tree_sitter import Node

from threatdelta.extractors.web.express.bindings import ModuleIndex
from threatdelta.extractors.web.express.syntax import (
    FUNCTION_TYPES,
    Code,
    arguments,
    chain,
    identifier,
    object_pairs,
    string_value,
    strip,
    walk,
)
from threatdelta.model.data_classes import name_words
from threatdelta.model.facts import CodeFact, FactKind

_LEGACY = ("apollo-server",)  # v2/v3: batching on and CSRF prevention off by default
_IDE_PLUGINS = ("LandingPageGraphQLPlayground", "LandingPageLocalDefault", "LandingPageSandbox")
_DEPTH = ("depth",)
_COST = ("cost", "complexity", "tokens", "aliases")
_AUTH_WORDS = frozenset({"auth", "user", "token", "jwt", "authorization", "authenticated"})
_GATES = frozenset({"ternary_expression", "binary_expression", "if_statement"})


@dataclass
class ApolloServerSpec:
    facts: list[CodeFact] = field(default_factory=list)
    resolvers: list[Node] = field(default_factory=list)  # resolver-map expressions
    type_defs: list[Node] = field(default_factory=list)
    mount: str = ""
    context_auth: bool = False  # `context` rejects a request without a valid user


def apollo_servers(code: Code, index: ModuleIndex, legacy: bool) -> ApolloServerSpec:
    spec = ApolloServerSpec()
    for new in index.news:
        names = chain(new.child_by_field_name("constructor"))
        if not names or names[-1] != "ApolloServer":
            continue
        args = arguments(new)
        options = object_pairs(args[0]) if args else {}
        _options(new, options, code, spec, legacy)
    for call in index.calls:
        _mount(call, spec)
    return spec


def imports_legacy(index: ModuleIndex) -> bool:
    return any(i.spec.startswith(_LEGACY) for i in index.imports.values())


def _options(
    new: Node, options: dict[str, Node], code: Code, spec: ApolloServerSpec, legacy: bool
) -> None:
    where = code.location(new)

    def add(kind: FactKind, detail: str) -> None:
        spec.facts.append(CodeFact(kind=kind, location=where, name="ApolloServer", detail=detail))

    add(FactKind.GRAPHQL_SERVER, "Apollo Server")
    if _literal(options.get("introspection")) == "true":
        add(FactKind.GRAPHQL_INTROSPECTION, "introspection: true")
    csrf = _literal(options.get("csrfPrevention"))
    if csrf == "false" or (legacy and "csrfPrevention" not in options):
        add(FactKind.CSRF_DISABLED, "csrfPrevention is off")
    batching = _literal(options.get("allowBatchedHttpRequests"))
    if batching == "true" or (legacy and "allowBatchedHttpRequests" not in options):
        add(FactKind.GRAPHQL_BATCHING, "batched HTTP requests accepted without a cap")
    if _literal(options.get("playground")) == "true":
        add(FactKind.GRAPHQL_IDE, "playground: true")
    limits = [*_names(options.get("validationRules")), *_names(options.get("plugins"))]
    if any(any(w in n for w in _DEPTH) for n in limits):
        add(FactKind.GRAPHQL_DEPTH_LIMIT, "query depth limited")
    if any(any(w in n for w in _COST) for n in limits):
        add(FactKind.GRAPHQL_COST_LIMIT, "query cost limited")
    if _ide_plugin(options.get("plugins")):
        add(FactKind.GRAPHQL_IDE, "a landing-page plugin serves an in-browser IDE")
    for key, into in (("resolvers", spec.resolvers), ("typeDefs", spec.type_defs)):
        value = options.get(key)
        if value is not None:
            into.append(value)
    spec.context_auth = spec.context_auth or _rejects_anonymous(options.get("context"))


def _literal(node: Node | None) -> str | None:
    node = strip(node)
    return (
        (node.text or b"").decode() if node is not None and node.type in ("true", "false") else None
    )


def _names(node: Node | None) -> list[str]:
    """Lower-case callee and identifier names inside a list option."""
    if node is None:
        return []
    return [(n.text or b"").decode().lower() for n in walk(node) if n.type == "identifier"]


def _ide_plugin(plugins: Node | None) -> bool:
    """A playground / local landing page applied unconditionally."""
    for node in walk(plugins) if plugins is not None else ():
        if node.type != "call_expression":
            continue
        names = chain(node.child_by_field_name("function"))
        if names and any(p in names[-1] for p in _IDE_PLUGINS) and not _gated(node, plugins):
            return True
    return False


def _gated(node: Node, top: Node | None) -> bool:
    current = node.parent
    while current is not None and current != top:
        if current.type in _GATES:
            return True
        current = current.parent
    return False


def _rejects_anonymous(context: Node | None) -> bool:
    """A context function that looks at a credential and throws."""
    fn = strip(context)
    if fn is None or fn.type not in FUNCTION_TYPES:
        return False
    signals = throws = False
    for node in walk(fn):
        if node.type == "throw_statement":
            throws = True
        elif node.type in ("identifier", "property_identifier"):
            signals = signals or bool(set(name_words((node.text or b"").decode())) & _AUTH_WORDS)
    return signals and throws


def _mount(call: Node, spec: ApolloServerSpec) -> None:
    names = chain(call.child_by_field_name("function"))
    args = arguments(call)
    if not names or not args:
        return
    if names[-1] == "applyMiddleware":
        path = string_value(object_pairs(args[0]).get("path"))
        if path and not spec.mount:
            spec.mount = path
    elif names[-1] == "use" and len(args) > 1 and not spec.mount:
        prefix = string_value(args[0])
        spec.mount = prefix if prefix and any(_is_middleware(a) for a in args[1:]) else ""


def _is_middleware(node: Node) -> bool:
    for inner in walk(node):
        if inner.type == "call_expression":
            names = chain(inner.child_by_field_name("function"))
            if names and names[-1] in ("expressMiddleware", "getMiddleware", "koaMiddleware"):
                return True
    return False


def identifier_value(node: Node | None, index: ModuleIndex) -> Node | None:
    """The value an identifier is bound to in this module (the node itself otherwise)."""
    name = identifier(node)
    return strip(index.values.get(name)) if name is not None else strip(node)
