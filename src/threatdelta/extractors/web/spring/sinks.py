"""Operations in a Java handler body worth a fact: SQL text built from pieces, commands,
outbound HTTP, file paths, deserialisation, lookups by id, logging."""

from __future__ import annotations

import re

from tree_sitter import Node

from threatdelta.extractors.web.spring.syntax import (
    Code,
    arguments,
    call_name,
    created_type,
    receiver_name,
    text,
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
_ERROR_TEXT = frozenset(
    {"getMessage", "getLocalizedMessage", "getStackTrace", "getRootCauseMessage"}
)
_LOGGER = re.compile(r"^(log|logger|LOG|LOGGER|auditLog\w*|audit\w*)$")
_LOG_LEVELS = frozenset({"info", "warn", "error", "debug", "trace", "log", "record", "audit"})


def call_facts(code: Code, node: Node, taint: Taint) -> list[CodeFact]:
    """The facts one method invocation gives."""
    name, owner = call_name(node), receiver_name(node)
    args = arguments(node)
    first = args[0] if args else None
    where = code.location(node)
    if name in _SQL_ALWAYS or (name in _SQL_MAYBE and _SQL_TEXT.search(taint.literal_text(first))):
        if taint.is_built(first):
            return [
                _fact(
                    FactKind.SQL_RAW,
                    where,
                    f"{owner}.{name}",
                    taint.origin(first),
                    f"SQL text built from pieces passed to {owner}.{name}",
                )
            ]
        return []
    if name == "exec" and owner == "getRuntime":
        return [
            _fact(
                FactKind.COMMAND_EXEC,
                where,
                "Runtime.exec",
                taint.origin(first),
                "command string run with Runtime.exec",
            )
        ]
    if _HTTP_RECEIVER.search(owner) and name in _HTTP_CALLS and first is not None:
        return [
            _fact(
                FactKind.OUTBOUND_HTTP,
                where,
                f"{owner}.{name}",
                taint.origin(first),
                "outbound HTTP request",
            )
        ]
    if f"{owner}.{name}" in _FILE_STATICS and args:
        return _file_fact(where, f"{owner}.{name}", Tri.any_of(*map(taint.origin, args)))
    if owner == "Files" and name in _FILES_CALLS and not _builds_path(first):
        return _file_fact(where, f"{owner}.{name}", taint.origin(first))
    if name in _LOOKUPS and _STORE_RECEIVER.search(owner) and first is not None:
        return [
            _fact(
                FactKind.OBJECT_LOOKUP_BY_ID,
                where,
                f"{owner}.{name}",
                taint.origin(first),
                "object loaded by an id from the request",
            )
        ]
    if name == "readObject" and "ObjectInputStream" in code.source.decode("utf-8", "replace"):
        return [
            _fact(
                FactKind.UNSAFE_DESERIALIZATION,
                where,
                "ObjectInputStream.readObject",
                taint.origin(node.child_by_field_name("object")),
                "Java serialisation decodes arbitrary classes",
            )
        ]
    if _LOGGER.match(owner) and name in _LOG_LEVELS:
        return [_fact(FactKind.AUDIT_LOG, where, f"{owner}.{name}", Tri.UNKNOWN, "")]
    return []


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
        return [
            _fact(
                FactKind.OUTBOUND_HTTP,
                where,
                "URL",
                taint.origin(args[0]),
                "URL opened by the handler",
            )
        ]
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


def error_text_facts(code: Code, node: Node) -> list[CodeFact]:
    """The caught exception's `getMessage()` / `getLocalizedMessage()` / `getStackTrace()`
    (or `ExceptionUtils.getStackTrace(e)`) in a `return` inside its `catch` block."""
    caught = _caught_names(node)
    if not caught:
        return []
    for sub in _walk_calls(node):
        name, owner = call_name(sub), receiver_name(sub)
        args = arguments(sub)
        passed = text(args[0]) if args else ""
        if name in _ERROR_TEXT and (owner in caught or passed in caught):
            return [
                _fact(
                    FactKind.ERROR_TEXT_RETURNED,
                    code.location(sub),
                    f"{owner}.{name}",
                    Tri.UNKNOWN,
                    "exception text returned to the client",
                )
            ]
    return []


def _caught_names(node: Node) -> set[str]:
    """Names of the exceptions caught by the `catch` clauses around `node`."""
    names: set[str] = set()
    current = node.parent
    while current is not None and current.type not in ("method_declaration", "class_body"):
        if current.type == "catch_clause":
            param = next(
                (c for c in current.named_children if c.type == "catch_formal_parameter"), None
            )
            if param is not None:
                names.add(text(param.child_by_field_name("name")))
        current = current.parent
    return names


def _walk_calls(node: Node) -> list[Node]:
    out: list[Node] = []
    stack = [node]
    while stack:
        current = stack.pop()
        if current.type == "method_invocation":
            out.append(current)
        if current.type not in ("lambda_expression", "class_body"):
            stack.extend(reversed(current.named_children))
    return out


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


def ownership_check(code: Code, node: Node) -> CodeFact | None:
    """A comparison of an object's owner with the caller (`principal`, `authentication`)."""
    body = text(node)
    if not re.search(r"principal|authentication|currentUser|getCurrentUser|SecurityContext", body):
        return None
    if not re.search(r"owner|userId|user|customer|username|getName", body, re.I):
        return None
    return CodeFact(
        kind=FactKind.OWNERSHIP_CHECK,
        location=code.location(node),
        name="principal",
        from_input=Tri.UNKNOWN,
        detail="owner compared with the caller",
    )
