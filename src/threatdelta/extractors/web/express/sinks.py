"""Operations inside a handler that take data somewhere dangerous: raw SQL, NoSQL filters,
outbound HTTP, files, commands, deserialisation, eval, redirects, regexes and crypto."""

from __future__ import annotations

import re

from tree_sitter import Node

from threatdelta.extractors.web.express.bindings import Callee
from threatdelta.extractors.web.express.context import HandlerContext
from threatdelta.extractors.web.express.syntax import FUNCTION_TYPES, arguments, object_pairs, strip
from threatdelta.model.base import Tri
from threatdelta.model.facts import FactKind

_SQL_METHODS = frozenset(
    {"query", "raw", "execute", "prepare", "unsafe", "$queryRawUnsafe", "$executeRawUnsafe"}
)
_SQL_TEXT = re.compile(
    r"\b(select\b[\s\S]*?\bfrom|insert\s+into|update\s+\S+\s+set|delete\s+from|"
    r"where\s+\S+\s*(=|<|>|like\b|in\b)|order\s+by|drop\s+table)\b",
    re.IGNORECASE,
)
_NOSQL_METHODS = frozenset(
    {
        "find",
        "findOne",
        "findOneAndUpdate",
        "findOneAndDelete",
        "updateOne",
        "updateMany",
        "deleteOne",
        "deleteMany",
        "countDocuments",
        "where",
    }
)
_HTTP_VERBS = frozenset({"get", "post", "put", "patch", "delete", "head", "options", "request"})
_HTTP_CLIENTS = frozenset({"axios", "got", "superagent", "needle", "node-fetch", "undici"})
_FS_MODULES = frozenset({"fs", "fs/promises", "fs-extra", "graceful-fs"})
_EXEC = frozenset({"exec", "execSync", "execFile", "execFileSync"})
_SPAWN = frozenset({"spawn", "spawnSync"})
_VM = frozenset({"runInNewContext", "runInThisContext", "runInContext", "compileFunction"})


def _values(call: Node) -> list[Node]:
    """The arguments of a call that are not callbacks."""
    return [a for a in arguments(call) if (strip(a) or a).type not in FUNCTION_TYPES]


def _module(callee: Callee) -> str:
    return callee.module.removeprefix("node:")


def sql_raw(call: Node, callee: Callee, ctx: HandlerContext) -> None:
    last = callee.last
    if not (last in _SQL_METHODS or last.endswith(("Raw", "RawUnsafe"))) or len(callee.names) < 2:
        return
    args = arguments(call)
    built = ctx.flow.built_string(args[0]) if args else None
    if built is None or not _SQL_TEXT.search(ctx.code.text(built)):
        return
    how = "template literal" if built.type == "template_string" else "string concatenation"
    name = callee.display
    ctx.add(FactKind.SQL_RAW, call, name, ctx.flow.from_input(built), f"{how} passed to {name}")


def nosql_query(call: Node, callee: Callee, ctx: HandlerContext) -> None:
    args = arguments(call)
    if callee.last not in _NOSQL_METHODS or len(callee.names) < 2 or not args:
        return
    for source in ("body", "query"):
        if ctx.flow.is_whole(args[0], source):
            detail = f"req.{source} passed whole as the filter of {callee.display}"
            ctx.add(FactKind.NOSQL_QUERY, call, callee.display, Tri.YES, detail)
            return


def outbound_http(call: Node, callee: Callee, ctx: HandlerContext) -> None:
    names, module = callee.names, _module(callee)
    root = names[0] if names else ""
    client = module in _HTTP_CLIENTS or (not module and root in ("axios", "got"))
    is_http = (
        (names == ("fetch",) and module in ("", "node-fetch", "undici", "cross-fetch"))
        or (client and (len(names) == 1 or names[-1] in _HTTP_VERBS))
        or (
            (module in ("http", "https") or (not module and root in ("http", "https")))
            and names[-1] in ("request", "get")
        )
    )
    args = arguments(call)
    if is_http and args:
        url = _literal_url(args[0])
        ctx.add(FactKind.OUTBOUND_HTTP, call, callee.display, ctx.flow.from_input(args[0]), url)


def _literal_url(node: Node) -> str:
    """`request to <url>` for a string or template literal starting with a literal
    `http(s)://` (the link pass reads the host), else ""."""
    literal = strip(node) or node
    if literal.type not in ("string", "template_string"):
        return ""
    text = (literal.text or b"").decode("utf-8", "replace")[1:].split("${", 1)[0]
    return f"request to {text}" if text.startswith(("http://", "https://")) else ""


def file_access(call: Node, callee: Callee, ctx: HandlerContext) -> None:
    if _is_path_builder(callee) and _is_file_call(_outer_call(call), ctx):
        return  # `res.sendFile(path.join(...))`: one fact, on the file operation
    if _is_file_call(call, ctx) or _is_path_builder(callee):
        args = _values(call)
        if callee.names[:1] == (ctx.flow.res,) and _has_root(args[1:]):
            return  # `res.sendFile(name, { root })`: send refuses names leaving the root
        paths = args[:1] if callee.names[:1] == (ctx.flow.res,) else args
        if paths:
            ctx.add(FactKind.FILE_ACCESS, call, callee.display, ctx.flow.from_input(*paths))


def _has_root(options: list[Node]) -> bool:
    """An options object with a `root` folder (sendFile, download)."""
    return any("root" in object_pairs(option) for option in options)


def _is_path_builder(callee: Callee) -> bool:
    module = _module(callee)
    in_path = module == "path" or (not module and callee.names[:1] == ("path",))
    return in_path and callee.last in ("join", "resolve")


def _is_file_call(call: Node | None, ctx: HandlerContext) -> bool:
    if call is None:
        return False
    callee = ctx.index.callee(call.child_by_field_name("function"))
    names, module = callee.names, _module(callee)
    if len(names) == 2 and names[0] == ctx.flow.res:
        return names[1] in ("sendFile", "download")
    is_fs = module in _FS_MODULES or (not module and names[:1] in (("fs",), ("fsp",)))
    return is_fs and callee.qualified not in _FS_MODULES


def _outer_call(call: Node) -> Node | None:
    """The call `call` is an argument of, if any."""
    parent = call.parent
    while parent is not None and parent.type in ("parenthesized_expression", "as_expression"):
        parent = parent.parent
    if parent is None or parent.type != "arguments":
        return None
    return (
        parent.parent
        if parent.parent is not None and parent.parent.type == "call_expression"
        else None
    )


def command_exec(call: Node, callee: Callee, ctx: HandlerContext) -> None:
    module, last = _module(callee), callee.last
    is_cp = module == "child_process" or (
        not module and callee.names[:1] in (("child_process",), ("cp",))
    )
    args = _values(call)
    if is_cp and last in _SPAWN:
        options = object_pairs(args[-1]) if args else {}
        shell = options.get("shell")
        if shell is None or shell.type == "false":
            return
    elif not ((is_cp and last in _EXEC) or (module == "shelljs" and last == "exec")):
        return
    if args:
        name = f"child_process.{last}" if is_cp else callee.display
        ctx.add(FactKind.COMMAND_EXEC, call, name, ctx.flow.from_input(*args))


def deserialization(call: Node, callee: Callee, ctx: HandlerContext) -> None:
    args = arguments(call)
    if callee.last == "unserialize" and args:
        name = callee.display
        ctx.add(FactKind.UNSAFE_DESERIALIZATION, call, name, ctx.flow.from_input(args[0]))


def code_eval(call: Node, callee: Callee, ctx: HandlerContext) -> None:
    args = arguments(call)
    module = _module(callee)
    is_vm = (module == "vm" or (not module and callee.names[:1] == ("vm",))) and (
        callee.last in _VM
    )
    if (callee.names in (("eval",), ("Function",)) or is_vm) and args:
        ctx.add(FactKind.CODE_EVAL, call, callee.display, ctx.flow.from_input(*args))


def constructed(node: Node, callee: Callee, ctx: HandlerContext) -> None:
    """`new Function(...)`, `new vm.Script(...)`, `new RegExp(...)`."""
    args = arguments(node)
    if not args:
        return
    if callee.names == ("Function",) or callee.qualified == "vm.Script":
        ctx.add(FactKind.CODE_EVAL, node, callee.display, ctx.flow.from_input(*args))
    elif callee.names == ("RegExp",):
        ctx.add(FactKind.REGEX_COMPILE, node, "RegExp", ctx.flow.from_input(args[0]))


def redirect_and_regex(call: Node, callee: Callee, ctx: HandlerContext) -> None:
    args = arguments(call)
    if not args:
        return
    if len(callee.names) >= 2 and callee.names[0] == ctx.flow.res and callee.last == "redirect":
        name = f"{callee.names[0]}.redirect"
        ctx.add(FactKind.REDIRECT, call, name, ctx.flow.from_input(args[-1]))
    elif callee.names == ("RegExp",):
        ctx.add(FactKind.REGEX_COMPILE, call, "RegExp", ctx.flow.from_input(args[0]))


def crypto(call: Node, callee: Callee, ctx: HandlerContext) -> None:
    module = _module(callee)
    direct = (module == "crypto" and len(callee.names) <= 2) or (
        not module and len(callee.names) == 2 and callee.names[0] == "crypto"
    )
    if direct and callee.qualified != "crypto":
        ctx.add(FactKind.CRYPTO, call, callee.qualified, ctx.flow.from_input(*arguments(call)))


SINKS = (
    sql_raw,
    nosql_query,
    outbound_http,
    file_access,
    command_exec,
    deserialization,
    code_eval,
    redirect_and_regex,
    crypto,
)
