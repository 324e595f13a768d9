"""Operations inside one Go handler as code facts: SQL built by formatting, shell commands,
outbound HTTP, file access, error text in responses, redirects, lookups by a client id,
audit logging."""

from __future__ import annotations

import re
from collections.abc import Iterator

from tree_sitter import Node

from threatdelta.extractors.web.golang.syntax import (
    Code,
    arguments,
    callee,
    calls_in,
    is_literal,
    string_value,
    strip,
    text_of,
    walk,
)
from threatdelta.extractors.web.golang.taint import Taint
from threatdelta.model.base import Tri
from threatdelta.model.facts import CodeFact, FactKind

_SQL = frozenset(
    {
        "Where",
        "Order",
        "Query",
        "QueryRow",
        "Exec",
        "QueryContext",
        "QueryRowContext",
        "ExecContext",
        "Queryx",
        "QueryRowx",
        "MustExec",
        "Raw",
        "Select",
        "Get",
        "SelectContext",
        "GetContext",
    }
)
_DEST_FIRST = frozenset({"Select", "Get", "SelectContext", "GetContext"})  # sqlx: dest, query
_LOOKUPS = frozenset({"QueryRow", "QueryRowContext", "Get", "GetContext", "First", "Take", "Where"})
_SHELLS = frozenset({"sh", "bash", "/bin/sh", "/bin/bash", "zsh", "cmd", "cmd.exe", "powershell"})
_OUTBOUND = {
    ("http", "Get"): 0,
    ("http", "Post"): 0,
    ("http", "Head"): 0,
    ("http", "PostForm"): 0,
    ("http", "NewRequest"): 1,
    ("http", "NewRequestWithContext"): 2,
}
_FILES = frozenset(
    {
        ("os", "Open"),
        ("os", "OpenFile"),
        ("os", "ReadFile"),
        ("os", "WriteFile"),
        ("os", "Create"),
        ("os", "Remove"),
        ("os", "RemoveAll"),
        ("ioutil", "ReadFile"),
        ("ioutil", "WriteFile"),
    }
)
_CONTEXT_FILES = frozenset({"File", "FileAttachment", "Attachment", "Inline", "SaveUploadedFile"})
_RESPONSES = frozenset(
    {
        "JSON",
        "String",
        "IndentedJSON",
        "PureJSON",
        "XML",
        "HTML",
        "AbortWithStatusJSON",
        "JSONP",
        "Blob",
        "JSONPretty",
    }
)
_LOG_ROOTS = frozenset({"log", "slog", "logger", "logrus", "zap", "zerolog", "glog", "klog"})
_LOG_NAME = re.compile(r"^(log|logs|auditlog|\w*logger)$", re.IGNORECASE)
_ID = re.compile(r"(^|_)id$|Id$|ID$")


def handler_facts(code: Code, function: Node, taint: Taint) -> Iterator[CodeFact]:
    for call in calls_in(function):
        names, args = callee(call), arguments(call)
        if not names:
            continue
        yield from _sql(code, call, names, args, taint)
        yield from _operations(code, call, names, args, taint)
        if _is_log(names):
            yield _fact(code, call, FactKind.AUDIT_LOG, ".".join(names[-2:]), Tri.UNKNOWN)


def _fact(
    code: Code, node: Node, kind: FactKind, name: str, origin: Tri, *, detail: str = ""
) -> CodeFact:
    return CodeFact(
        kind=kind, location=code.location(node), name=name, from_input=origin, detail=detail
    )


def _sql(
    code: Code, call: Node, names: tuple[str, ...], args: list[Node], taint: Taint
) -> Iterator[CodeFact]:
    method = names[-1]
    if (method not in _SQL and method not in _LOOKUPS) or len(names) < 2:
        return
    if names[0] in taint.requests:
        return
    index = (1 if method.endswith("Context") else 0) + (1 if method in _DEST_FIRST else 0)
    query = args[index] if len(args) > index else None
    name = ".".join(names[-2:])
    if method in _SQL and query is not None and taint.is_built(query):
        detail = f"query text built by formatting or concatenation passed to {name}"
        yield _fact(code, call, FactKind.SQL_RAW, name, taint.origin(query), detail=detail)
        return
    if method in _LOOKUPS:
        given = args[index + 1 :] if method not in ("First", "Take") else args[1:]
        if any(_client_id(strip(arg), taint) for arg in given):
            yield _fact(code, call, FactKind.OBJECT_LOOKUP_BY_ID, name, Tri.YES)
            if _owner_filtered(query):
                yield _fact(code, call, FactKind.OWNERSHIP_CHECK, name, Tri.YES)


def _client_id(arg: Node | None, taint: Taint) -> bool:
    """An id from the request: a variable named like one (`id`, `orderID`) or a read of
    one (`c.Param("id")`, `chi.URLParam(r, "orderId")`)."""
    if arg is None or not taint.is_input(arg):
        return False
    if arg.type == "identifier":
        return bool(_ID.search(text_of(arg)))
    return arg.type == "call_expression" and any(
        _ID.search(string_value(a) or "") for a in arguments(arg)
    )


def _owner_filtered(query: Node | None) -> bool:
    text = (string_value(query) or "").lower()
    return any(word in text for word in ("owner", "user_id", "userid", "tenant"))


def _operations(
    code: Code, call: Node, names: tuple[str, ...], args: list[Node], taint: Taint
) -> Iterator[CodeFact]:
    pair = (names[0], names[-1]) if len(names) == 2 else ("", names[-1])
    name = ".".join(names[-2:])
    if pair in (("exec", "Command"), ("exec", "CommandContext")):
        yield from _command(code, call, args[1:] if pair[1] == "CommandContext" else args, taint)
    elif pair in _OUTBOUND and len(args) > _OUTBOUND[pair]:
        url = args[_OUTBOUND[pair]]
        yield _fact(code, call, FactKind.OUTBOUND_HTTP, name, taint.origin(url))
    elif pair in _FILES and args:
        yield _fact(code, call, FactKind.FILE_ACCESS, name, taint.origin(args[0]))
    elif pair == ("http", "ServeFile") and len(args) >= 3:
        yield _fact(code, call, FactKind.FILE_ACCESS, name, taint.origin(args[2]))
    elif names[0] in taint.requests and names[-1] in _CONTEXT_FILES and args:
        yield _fact(code, call, FactKind.FILE_ACCESS, name, taint.origin(args[0]))
    elif pair == ("http", "Redirect") and len(args) >= 3:
        yield _fact(code, call, FactKind.REDIRECT, name, taint.origin(args[2]))
    elif names[0] in taint.requests and names[-1] == "Redirect" and len(args) >= 2:
        yield _fact(code, call, FactKind.REDIRECT, name, taint.origin(args[1]))
    if _response_with_error(names, args, taint):
        detail = f"error text passed to {name}"
        yield _fact(code, call, FactKind.ERROR_TEXT_RETURNED, name, Tri.UNKNOWN, detail=detail)


def _command(code: Code, call: Node, args: list[Node], taint: Taint) -> Iterator[CodeFact]:
    """`exec.Command("sh", "-c", script)`: the script; `exec.Command(program, ...)`: a
    program that is not a literal. A literal program given arguments runs no shell."""
    if not args:
        return
    program = string_value(args[0])
    if program in _SHELLS and len(args) >= 3 and string_value(args[1]) in ("-c", "/c", "-Command"):
        detail = f"shell `{program} -c` runs a command string"
        yield _fact(
            code, call, FactKind.COMMAND_EXEC, "exec.Command", taint.origin(args[2]), detail=detail
        )
    elif program is None:
        detail = "program name not a literal"
        yield _fact(
            code, call, FactKind.COMMAND_EXEC, "exec.Command", taint.origin(args[0]), detail=detail
        )


def _response_with_error(names: tuple[str, ...], args: list[Node], taint: Taint) -> bool:
    if names == ("http", "Error") and len(args) >= 2:
        return _error_text(args[1])
    if names[0] in taint.requests and names[-1] in _RESPONSES:
        return any(_error_text(a) for a in args[1:])
    if names[:1] == ("fmt",) and names[-1].startswith("Fprint") and args:
        return text_of(strip(args[0])) in taint.writers and any(_error_text(a) for a in args[1:])
    if len(names) == 2 and names[0] in taint.writers and names[1] == "Write" and args:
        return _error_text(args[0])
    if names == ("echo", "NewHTTPError") and len(args) >= 2:
        return any(_error_text(a) for a in args[1:])
    return False


def _error_text(node: Node) -> bool:
    """`err.Error()`, `err` itself, or either inside a format call or a map literal."""
    for part in walk(node):
        if part.type == "identifier" and text_of(part) in ("err", "e", "error"):
            return True
        if (
            part.type == "call_expression"
            and callee(part)[-1:] == ("Error",)
            and not arguments(part)
        ):
            return not is_literal(part)
    return False


def _is_log(names: tuple[str, ...]) -> bool:
    if len(names) < 2:
        return names[-1].lower().startswith("audit")
    if names[0] in _LOG_ROOTS or names[-1].lower().startswith("audit"):
        return True
    return any(_LOG_NAME.match(n) for n in names[:-1])
