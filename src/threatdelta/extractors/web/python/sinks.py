"""Operations inside a handler: raw SQL, ORM and NoSQL queries, outbound HTTP, file access,
commands, unsafe deserialisation, eval, redirects and regexes built from input."""

from __future__ import annotations

import ast

from threatdelta.extractors.web.python.assignments import formatting
from threatdelta.extractors.web.python.context import ScanContext
from threatdelta.extractors.web.python.syntax import arg, callee, const_str, is_true, kwarg
from threatdelta.extractors.web.python.taint import LocalKind
from threatdelta.model.base import Tri
from threatdelta.model.facts import FactKind

_SQL_CALLS = frozenset(
    {"execute", "executemany", "executescript", "raw", "text", "exec_driver_sql"}
)
_HTTP_PACKAGES = ("requests.", "httpx.", "urllib3.", "aiohttp.")
_HTTP_VERBS = frozenset(
    {"get", "post", "put", "patch", "delete", "head", "options", "request", "stream", "urlopen"}
)
_FILE_CALLS = frozenset(
    {
        "open",
        "io.open",
        "flask.send_file",
        "os.path.join",
        "pathlib.Path",
        "os.remove",
        "os.unlink",
        "os.listdir",
        "shutil.rmtree",
        "shutil.copy",
        "shutil.move",
        "fastapi.responses.FileResponse",
        "starlette.responses.FileResponse",
    }
)
_COMMANDS = frozenset(
    {
        "os.system",
        "os.popen",
        "subprocess.run",
        "subprocess.call",
        "subprocess.Popen",
        "subprocess.check_output",
        "subprocess.check_call",
        "subprocess.getoutput",
        "subprocess.getstatusoutput",
    }
)
_DESERIALIZERS = frozenset(
    {
        "pickle.load",
        "pickle.loads",
        "cPickle.loads",
        "dill.loads",
        "dill.load",
        "marshal.load",
        "marshal.loads",
        "jsonpickle.decode",
        "shelve.open",
        "yaml.unsafe_load",
        "yaml.unsafe_load_all",
        "pandas.read_pickle",
    }
)
_FILE_NAMES = frozenset(q.rsplit(".", 1)[-1] for q in _FILE_CALLS)
_COMMAND_NAMES = frozenset(q.rsplit(".", 1)[-1] for q in _COMMANDS)
_DESERIALIZER_NAMES = frozenset({*(q.rsplit(".", 1)[-1] for q in _DESERIALIZERS), "load_all"})
_SAFE_YAML_LOADERS = frozenset({"SafeLoader", "CSafeLoader", "BaseLoader", "CBaseLoader"})
_REGEX = frozenset(
    {"compile", "search", "match", "fullmatch", "findall", "finditer", "sub", "split"}
)
_REDIRECTS = frozenset(
    {"flask.redirect", "fastapi.responses.RedirectResponse", "starlette.responses.RedirectResponse"}
)


def sql_raw(call: ast.Call, ctx: ScanContext, name: str) -> None:
    if name not in _SQL_CALLS or not call.args:
        return
    query = call.args[0]
    if name == "text" and not ctx.qualify(call.func).startswith(("sqlalchemy", "sqlmodel")):
        return
    if isinstance(query, ast.Call) and callee(query.func).endswith("text"):
        return  # the inner text(...) is the fact
    how = formatting(query, ctx.env)
    if how is not None:
        ctx.add(
            FactKind.SQL_RAW,
            call,
            callee(call.func),
            ctx.env.of(query),
            f"{how} passed to {callee(call.func)}",
        )


def _chain_attrs(node: ast.expr) -> set[str]:
    found: set[str] = set()
    while isinstance(node, ast.Attribute | ast.Call):
        if isinstance(node, ast.Attribute):
            found.add(node.attr)
            node = node.value
        else:
            node = node.func
    return found


def orm_query(call: ast.Call, ctx: ScanContext, name: str) -> None:
    if name not in ("query", "select") and not _chain_attrs(call.func) & {"query", "objects"}:
        return
    text = callee(call.func)
    for marker in (".query", ".objects"):
        head, found, _ = text.partition(marker + ".")
        if found or text.endswith(marker):
            qualifier = head + marker if found else text
            ctx.add(FactKind.ORM_QUERY, call, qualifier, _chain_taint(call, ctx))
            return
    if name == "query" and "session" in text:
        ctx.add(FactKind.ORM_QUERY, call, text, _chain_taint(call, ctx))
    elif name == "select" and ctx.qualify(call.func).startswith(("sqlalchemy", "sqlmodel")):
        ctx.add(FactKind.ORM_QUERY, call, "select", _chain_taint(call, ctx))


def _chain_taint(call: ast.Call, ctx: ScanContext) -> Tri:
    values: list[Tri] = []
    node: ast.expr = call
    while isinstance(node, ast.Call | ast.Attribute):
        if isinstance(node, ast.Call):
            values.extend(ctx.env.of(a) for a in (*node.args, *(k.value for k in node.keywords)))
            node = node.func
        else:
            node = node.value
    return Tri.any_of(*values) if values else Tri.NO


def nosql_query(call: ast.Call, ctx: ScanContext, name: str) -> None:
    if name not in ("find", "find_one", "delete_one", "delete_many", "update_one", "aggregate"):
        return
    filt = arg(call, 0, "filter")
    if filt is None or not ctx.index.imports.uses("pymongo", "motor", "flask_pymongo"):
        return
    taint = ctx.env.of(filt)
    whole = ctx.env.is_raw_input(filt)
    ctx.add(
        FactKind.NOSQL_QUERY,
        call,
        callee(call.func),
        taint,
        "query document taken from the request as a whole" if whole else "",
    )


def outbound_http(call: ast.Call, ctx: ScanContext, name: str) -> None:
    if name not in _HTTP_VERBS:
        return
    qualified = ctx.qualify(call.func)
    receiver = call.func.value if isinstance(call.func, ast.Attribute) else None
    is_client = isinstance(receiver, ast.Name) and ctx.env.kinds.get(receiver.id) is (
        LocalKind.HTTP_CLIENT
    )
    if not (qualified.startswith(_HTTP_PACKAGES) or is_client or "urlopen" in qualified):
        return
    url = arg(call, 1, "url") if name == "request" else arg(call, 0, "url")
    ctx.add(FactKind.OUTBOUND_HTTP, call, callee(call.func), ctx.env.of(url), _literal_url(url))


def _literal_url(url: ast.expr | None) -> str:
    """`request to <url>` when the URL is a literal, or an f-string whose literal start
    names the host (`f"https://api.example.com/v1/{id}"`); the link pass reads the host."""
    text = const_str(url)
    if text is None and isinstance(url, ast.JoinedStr) and url.values:
        text = const_str(url.values[0])
    return f"request to {text}" if text and text.startswith(("http://", "https://")) else ""


def file_access(call: ast.Call, ctx: ScanContext, name: str) -> None:
    if name not in _FILE_NAMES:
        return
    qualified = ctx.qualify(call.func)
    if qualified not in _FILE_CALLS and name not in ("send_file", "FileResponse"):
        return
    values = [*call.args, *(k.value for k in call.keywords if k.arg in ("path", "file"))]
    if not values or all(isinstance(v, ast.Constant) for v in values):
        return
    paths = call.args if qualified in ("os.path.join", "pathlib.Path") else call.args[:1]
    ctx.add(FactKind.FILE_ACCESS, call, callee(call.func), ctx.env.all_of(paths or values))


def command_exec(call: ast.Call, ctx: ScanContext, name: str) -> None:
    if name not in _COMMAND_NAMES:
        return
    qualified = ctx.qualify(call.func)
    if qualified not in _COMMANDS:
        return
    command = arg(call, 0, "args")
    shell = is_true(kwarg(call, "shell"))
    if (
        qualified.startswith("subprocess.")
        and not shell
        and isinstance(command, ast.List | ast.Tuple)
    ):
        return
    detail = "shell=True" if shell else "command given as a string"
    ctx.add(FactKind.COMMAND_EXEC, call, callee(call.func), ctx.env.of(command), detail)


def deserialization(call: ast.Call, ctx: ScanContext, name: str) -> None:
    if name not in _DESERIALIZER_NAMES:
        return
    qualified = ctx.qualify(call.func)
    if qualified in ("yaml.load", "yaml.load_all"):
        loader = arg(call, 1, "Loader")
        if loader is not None and callee(loader).rsplit(".", 1)[-1] in _SAFE_YAML_LOADERS:
            return
    elif qualified not in _DESERIALIZERS:
        return
    ctx.add(FactKind.UNSAFE_DESERIALIZATION, call, qualified, ctx.env.of(arg(call, 0, "data")))


def code_eval(call: ast.Call, ctx: ScanContext, name: str) -> None:
    builtin = isinstance(call.func, ast.Name) and not ctx.index.imports.imported(name)
    if builtin and name in ("eval", "exec") and call.args:
        ctx.add(FactKind.CODE_EVAL, call, name, ctx.env.of(call.args[0]))


def redirect(call: ast.Call, ctx: ScanContext, name: str) -> None:
    if name not in ("redirect", "RedirectResponse"):
        return
    if ctx.qualify(call.func) in _REDIRECTS or name == "RedirectResponse":
        target = arg(call, 0, "url") or arg(call, 0, "location")
        if target is not None:
            ctx.add(FactKind.REDIRECT, call, name, ctx.env.of(target))


def regex(call: ast.Call, ctx: ScanContext, name: str) -> None:
    if name in _REGEX and ctx.qualify(call.func).startswith(("re.", "regex.")):
        pattern = arg(call, 0, "pattern")
        if pattern is not None and const_str(pattern) is None:
            ctx.add(FactKind.REGEX_COMPILE, call, ctx.qualify(call.func), ctx.env.of(pattern))
