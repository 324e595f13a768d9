"""Rate limiting for an Apollo sign-in resolver with graphql-rate-limit: the resolver awaits
a limiter made by `getGraphQLRateLimiter` before it runs, keyed on the account it names (the
`email` / `username` argument), and throws the limiter's message once the account has had
five attempts in fifteen minutes. The module's own limiter is reused; otherwise one is
declared after the imports (and `graphql-rate-limit` imported: a new dependency unless
another module of the repository already uses it).

Resolvers written on one line (`login: (_, { email, password }) => signIn(email, password),`)
get a block body; block resolvers (`login: async (_, args, context, info) => {`,
`async login(_, args) {`) get the check as their first statement. The limiter needs the
resolver's `context` and `info` parameters: they are added when missing, and a resolver
that destructures its context or uses those names for something else gets no patch, and so
does a TypeScript resolver without them (the added parameters would need their types)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from threatdelta.findings.edit import TextEdit
from threatdelta.model.data_classes import name_words
from threatdelta.remediation.edits import indentation
from threatdelta.remediation.families.handler_source import HandlerSource
from threatdelta.remediation.families.path_arguments import split_arguments

_ONE_LINE = re.compile(
    r"^(?P<indent>\s*)(?P<key>\w+):\s*(?P<async>async\s+)?\((?P<params>[^()]*)\)\s*=>\s*"
    r"(?P<expr>[^{\s].*?)(?P<comma>,?)\s*$"
)
_ARROW_BLOCK = re.compile(
    r"^(?P<indent>\s*)(?P<key>\w+):\s*(?P<async>async\s+)?\((?P<params>[^()]*)\)\s*=>\s*\{\s*$"
)
_METHOD_BLOCK = re.compile(
    r"^(?P<indent>\s*)(?P<async>async\s+)?(?P<key>\w+)\s*\((?P<params>[^()]*)\)\s*\{\s*$"
)
_DECLARED = re.compile(r"^\s*(?:const|let|var)\s+(?P<name>\w+)\s*=\s*getGraphQLRateLimiter\(", re.M)
_IMPORTED = re.compile(r"\bgetGraphQLRateLimiter\b[^;\n]*['\"]graphql-rate-limit['\"]")
_IMPORT_LINE = re.compile(r"^(?:import\s|(?:const|let|var)\s+[\w{}, ]+=\s*require\()")
_IDENTITY_WORDS = frozenset({"email", "username", "login", "phone", "mobile", "account"})
_NAME = re.compile(r"^[A-Za-z_$][\w$]*$")
_TYPESCRIPT = (".ts", ".mts", ".cts")
_LIMITER = "signInRateLimiter"
_PACKAGE = "graphql-rate-limit"


@dataclass(frozen=True)
class ApolloLimit:
    edits: tuple[TextEdit, ...]
    new_dependency: bool
    identity: str  # the argument the limit is counted per
    reused: bool  # the module's own limiter (its identifyContext decides the client key)


@dataclass(frozen=True)
class _Params:
    header: str  # the parameter list to write: `_, { email, password }, context, info`
    call: str  # the limiter's first argument: `{ parent: _, args: { email }, context, info }`
    identity: str


def apollo_sign_in_limit(
    source: HandlerSource, others: dict[str, str], max_calls: int, window: str
) -> ApolloLimit | None:
    line = source.line(source.start)
    found = _ONE_LINE.match(line) or _ARROW_BLOCK.match(line) or _METHOD_BLOCK.match(line)
    span = "\n".join(source.line(n) for n in range(source.start, source.end + 1))
    params = _params(found.group("params"), source, span) if found else None
    if found is None or params is None or re.search(r"\blimited\b", span):
        return None
    if "expr" in found.groupdict() and split_arguments(found.group("expr")) is None:
        return None  # the expression goes on past this line
    setup = _limiter(source, others)
    if setup is None:
        return None
    limiter, setup_edits, new = setup
    semi = ";" if ";" + source.style.newline in source.text else ""
    q = source.quote
    options = (
        f"{{ max: {max_calls}, window: {q}{window}{q}, identityArgs: [{q}{params.identity}{q}] }}"
    )
    step = source.style.indent_unit
    check = (
        f"const limited = await {limiter}(",
        f"{step}{params.call},",
        f"{step}{options},",
        f"){semi}",
        f"if (limited) throw new Error(limited){semi}",
    )
    edits = _resolver_edits(source, found, params.header, check, semi)
    return ApolloLimit((*setup_edits, *edits), new, params.identity, reused=not setup_edits)


def _params(text: str, source: HandlerSource, span: str) -> _Params | None:
    """The resolver's parameters with `context` and `info` added when missing, and the
    limiter's first argument; None when no account argument names the caller's identity."""
    written = split_arguments(text) if text.strip() else []
    if written is None or len(written) > 4:
        return None
    # TypeScript annotations stay in the header; the call needs the names only
    names = [n.split(":", 1)[0].strip() if not n.startswith("{") else n for n in written]
    defaults = ["_", "args", "context", "info"]
    if len(names) < 4 and source.path.endswith(_TYPESCRIPT):
        return None  # added parameters would need their types (`info: GraphQLResolveInfo`)
    for position in range(len(names), 4):
        if re.search(rf"(?<![\w$.]){defaults[position]}\b", span):
            return None  # the name we would add is taken
        names.append(defaults[position])
        written.append(defaults[position])
    parent, args, context, info = names
    if not all(_NAME.match(n) for n in (parent, context, info)):
        return None  # a destructured context: the limiter cannot be given it
    chosen = _identity(args, source)
    if chosen is None:
        return None
    identity, local = chosen
    args_pair = (
        _shorthand("args", args)
        if local is None
        else f"args: {_shorthand(identity, local, braces=True)}"
    )
    call = (
        f"{{ {_shorthand('parent', parent)}, {args_pair}, "
        f"{_shorthand('context', context)}, {_shorthand('info', info)} }}"
    )
    return _Params(header=", ".join(written), call=call, identity=identity)


def _identity(args: str, source: HandlerSource) -> tuple[str, str | None] | None:
    """(argument name, local name when destructured) of the account identifier."""
    if _NAME.match(args):
        fields = source.endpoint.request_fields
        named = [f for f in fields if set(name_words(f)) & _IDENTITY_WORDS]
        return (named[0], None) if named else None
    if not (args.startswith("{") and args.endswith("}")):
        return None
    members = split_arguments(args[1:-1].strip().rstrip(",")) or []
    for member in members:
        key, _, local = member.partition(":")
        key, local = key.strip(), (local.split("=")[0].strip() or key.split("=")[0].strip())
        key = key.split("=")[0].strip()
        if _NAME.match(key) and _NAME.match(local) and set(name_words(key)) & _IDENTITY_WORDS:
            return key, local
    return None


def _shorthand(key: str, local: str, *, braces: bool = False) -> str:
    pair = key if key == local else f"{key}: {local}"
    return f"{{ {pair} }}" if braces else pair


def _resolver_edits(
    source: HandlerSource, found: re.Match[str], header: str, check: tuple[str, ...], semi: str
) -> tuple[TextEdit, ...]:
    indent = found.group("indent")
    number = source.start
    if "expr" in found.groupdict():  # one line: a block body returning the expression
        inner = indent + source.style.indent_unit
        lines = (
            f"{indent}{found.group('key')}: async ({header}) => {{",
            *(inner + c for c in check),
            f"{inner}return {found.group('expr')}{semi}",
            f"{indent}}}{found.group('comma')}",
        )
        return (TextEdit(path=source.path, start=number, end=number, lines=lines),)
    line = source.line(number)
    key = found.group("key")
    head = f"{indent}{key}: async (" if found.re is _ARROW_BLOCK else f"{indent}async {key}("
    rewritten = f"{head}{header}{line[found.end('params') :]}"
    following = source.line(number + 1)
    inner = indentation(following)
    if not following.strip() or len(inner) <= len(indent):
        inner = indent + source.style.indent_unit
    return (
        TextEdit(path=source.path, start=number, end=number, lines=(rewritten,)),
        TextEdit(
            path=source.path, start=number + 1, end=number, lines=tuple(inner + c for c in check)
        ),
    )


def _limiter(
    source: HandlerSource, others: dict[str, str]
) -> tuple[str, tuple[TextEdit, ...], bool] | None:
    """The module's limiter, or a new one declared after the imports: (name, edits, whether
    graphql-rate-limit is new to the repository)."""
    declared = _DECLARED.search(source.text)
    if declared is not None:
        return declared.group("name"), (), False
    imports = [n for n, t in enumerate(source.lines, start=1) if _IMPORT_LINE.match(t)]
    if not imports or re.search(rf"\b{_LIMITER}\b", source.text):
        return None
    q = source.quote
    semi = ";" if ";" + source.style.newline in source.text else ""
    lines: list[str] = []
    if _IMPORTED.search(source.text) is None:
        esm = source.line(imports[0]).startswith("import ")
        lines.append(
            f"import {{ getGraphQLRateLimiter }} from {q}{_PACKAGE}{q}{semi}"
            if esm
            else f"const {{ getGraphQLRateLimiter }} = require({q}{_PACKAGE}{q}){semi}"
        )
    declaration = (
        f"const {_LIMITER} = getGraphQLRateLimiter({{ identifyContext: () => {q}all clients{q} }})"
    )
    lines += ["", declaration + semi]
    last = imports[-1]
    used = any(_PACKAGE in text for path, text in others.items() if path != source.path)
    new = _IMPORTED.search(source.text) is None and not used
    return (
        _LIMITER,
        (TextEdit(path=source.path, start=last + 1, end=last, lines=tuple(lines)),),
        new,
    )
