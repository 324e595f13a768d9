"""Operations in a Java handler body worth a fact: SQL text built from pieces, commands,
outbound HTTP, file paths, deserialisation, lookups by id, logging."""

from __future__ import annotations

import re
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
    string_value,
)
from threatdelta.extractors.web.spring.taint import Taint
from threatdelta.model.base import Location, Tri
from threatdelta.model.facts import CodeFact, FactKind

_SQL_ALWAYS = frozenset(
    {
        "createQuery",
        "createNativeQuery",
        "executeQuery",
        "executeUpdate",
        "prepareStatement",
        "queryForObject",
        "queryForList",
        "queryForMap",
        "queryForRowSet",
        "batchUpdate",
        "addBatch",
        "prepareCall",
    }
)
_SQL_MAYBE = frozenset({"query", "update", "execute"})
_SQL_TEXT = re.compile(r"\b(select|insert|update|delete|from|where|order\s+by)\b", re.I)
_HTTP_RECEIVER = re.compile(r"rest(Template|Client)|webClient|httpClient", re.I)
_HTTP_CALLS = frozenset(
    {
        "getForObject",
        "getForEntity",
        "postForObject",
        "postForEntity",
        "exchange",
        "put",
        "delete",
        "patchForObject",
        "uri",
        "retrieve",
        "send",
        "execute",
        "headForHeaders",
    }
)
_FILE_TYPES = frozenset(
    {
        "File",
        "FileInputStream",
        "FileOutputStream",
        "FileReader",
        "FileWriter",
        "FileSystemResource",
        "RandomAccessFile",
        "PrintWriter",
    }
)
_FILE_STATICS = frozenset({"Paths.get", "Path.of"})
_FILES_CALLS = frozenset(
    {
        "readAllBytes",
        "readString",
        "readAllLines",
        "newInputStream",
        "newOutputStream",
        "write",
        "writeString",
        "delete",
        "deleteIfExists",
        "copy",
        "move",
        "lines",
    }
)
_LOOKUPS = frozenset(
    {"findById", "getById", "getReferenceById", "getOne", "findOne", "deleteById", "selectById"}
)
_STORE_RECEIVER = re.compile(r"(repository|repo|dao|mapper|store)$", re.I)
_LOGGER = re.compile(r"^(log|logger|LOG|LOGGER|auditLog\w*|audit\w*)$")
_LOG_LEVELS = frozenset({"info", "warn", "error", "debug", "trace", "log", "record", "audit"})


@dataclass(frozen=True)
class _Call:
    """One method invocation as the checks read it."""

    node: Node
    name: str
    owner: str
    args: list[Node]
    where: Location

    @property
    def first(self) -> Node | None:
        return self.args[0] if self.args else None

    @property
    def qualified(self) -> str:
        return f"{self.owner}.{self.name}"


def call_facts(code: Code, node: Node, taint: Taint) -> list[CodeFact]:
    """The fact one method invocation gives, if any (the first check that matches)."""
    call = _Call(node, call_name(node), receiver_name(node), arguments(node), code.location(node))
    for check in (_sql, _command, _http, _file, _lookup, _log):
        found = check(call, taint)
        if found is not None:
            return [found]
    if call.name == "readObject" and b"ObjectInputStream" in code.source:
        origin = taint.origin(node.child_by_field_name("object"))
        detail = "Java serialisation decodes arbitrary classes"
        return [
            _fact(
                FactKind.UNSAFE_DESERIALIZATION,
                call.where,
                "ObjectInputStream.readObject",
                origin,
                detail,
            )
        ]
    return []


def _sql(call: _Call, taint: Taint) -> CodeFact | None:
    looks_like_sql = call.name in _SQL_MAYBE and _SQL_TEXT.search(taint.literal_text(call.first))
    if (call.name not in _SQL_ALWAYS and not looks_like_sql) or not taint.is_built(call.first):
        return None
    detail = f"SQL text built from pieces passed to {call.qualified}"
    return _fact(FactKind.SQL_RAW, call.where, call.qualified, taint.origin(call.first), detail)


def _command(call: _Call, taint: Taint) -> CodeFact | None:
    if call.name != "exec" or call.owner != "getRuntime":
        return None
    detail = "command string run with Runtime.exec"
    return _fact(
        FactKind.COMMAND_EXEC, call.where, "Runtime.exec", taint.origin(call.first), detail
    )


def _http(call: _Call, taint: Taint) -> CodeFact | None:
    client = _chain_root(call.node)  # `webClient.get().uri(url)` -> webClient
    if not _HTTP_RECEIVER.search(client) or call.name not in _HTTP_CALLS or not call.args:
        return None
    origin = taint.origin(call.first)
    detail = literal_url(call.first) or "outbound HTTP request"
    return _fact(FactKind.OUTBOUND_HTTP, call.where, f"{client}.{call.name}", origin, detail)


def _chain_root(node: Node) -> str:
    """The name a call chain starts from: `this.client.get().uri(x)` -> `client`."""
    current = receiver(node)
    while current is not None and current.type == "method_invocation":
        current = receiver(current)
    return last_name(current) if current is not None else ""


def literal_url(node: Node | None) -> str:
    """`request to <url>` when the expression starts with a literal `http(s)://` string
    (`"https://api.x.com/v1/" + id`), for the link pass to read the host; else ""."""
    current = node
    while current is not None and current.type == "binary_expression":
        current = current.child_by_field_name("left")
    value = string_value(current) if current is not None else None
    return f"request to {value}" if value and value.startswith(("http://", "https://")) else ""


def _file(call: _Call, taint: Taint) -> CodeFact | None:
    if call.qualified in _FILE_STATICS and call.args:
        origin = Tri.any_of(*map(taint.origin, call.args))
    elif call.owner == "Files" and call.name in _FILES_CALLS and not _builds_path(call.first):
        origin = taint.origin(call.first)
    else:
        return None
    found = _file_fact(call.where, call.qualified, origin)
    return found[0] if found else None


def _lookup(call: _Call, taint: Taint) -> CodeFact | None:
    if call.name not in _LOOKUPS or not _STORE_RECEIVER.search(call.owner) or not call.args:
        return None
    detail = "object loaded by an id from the request"
    return _fact(
        FactKind.OBJECT_LOOKUP_BY_ID, call.where, call.qualified, taint.origin(call.first), detail
    )


def _log(call: _Call, taint: Taint) -> CodeFact | None:
    if not _LOGGER.match(call.owner) or call.name not in _LOG_LEVELS:
        return None
    return _fact(FactKind.AUDIT_LOG, call.where, call.qualified, Tri.UNKNOWN, "")


def creation_facts(code: Code, node: Node, taint: Taint) -> list[CodeFact]:
    """The facts one `new X(...)` gives."""
    kind, args = created_type(node), arguments(node)
    where = code.location(node)
    if kind == "ProcessBuilder":
        origins = [taint.origin(a) for a in args]
        origin = Tri.any_of(*origins) if origins else Tri.NO
        return [
            _fact(
                FactKind.COMMAND_EXEC,
                where,
                "ProcessBuilder",
                origin,
                "process started with ProcessBuilder",
            )
        ]
    if kind in _FILE_TYPES and args:
        return _file_fact(where, kind, Tri.any_of(*map(taint.origin, args)))
    if kind == "URL" and args:
        detail = literal_url(args[0]) or "URL opened by the handler"
        return [_fact(FactKind.OUTBOUND_HTTP, where, "URL", taint.origin(args[0]), detail)]
    if kind == "XMLDecoder" and args:
        return [
            _fact(
                FactKind.UNSAFE_DESERIALIZATION,
                where,
                kind,
                taint.origin(args[0]),
                "XMLDecoder constructs arbitrary objects",
            )
        ]
    return []


def _builds_path(node: Node | None) -> bool:
    """`Paths.get(...)` / `Path.of(...)` given to `Files.*`: that call is the fact."""
    return (
        node is not None
        and node.type == "method_invocation"
        and f"{receiver_name(node)}.{call_name(node)}" in _FILE_STATICS
    )


def _file_fact(where: Location, name: str, origin: Tri) -> list[CodeFact]:
    if origin is Tri.NO:
        return []
    return [_fact(FactKind.FILE_ACCESS, where, name, origin, "file path from a variable")]


def _fact(kind: FactKind, where: Location, name: str, origin: Tri, detail: str) -> CodeFact:
    return CodeFact(kind=kind, location=where, name=name, from_input=origin, detail=detail)
