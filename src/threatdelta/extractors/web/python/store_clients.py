"""Database clients bound at module level as data stores.

- Redis: `cache = redis.Redis(...)`, `StrictRedis`, `redis.from_url(...)`, `redis.asyncio`,
  `aioredis`, `FlaskRedis()` -> `datastore:redis:<variable>`.
- MongoDB: `client = MongoClient(...)` (pymongo, motor, `PyMongo(app)`) ->
  `datastore:mongodb:<database>` when a database handle is taken from it at module level
  (`db = client["clinic"]`, `client.clinic`, `client.get_database("clinic")`), else
  `datastore:mongodb:<variable>`. Database and collection handles taken from a client stand
  for its store too, so `db.patients.find(...)` in a handler is a flow to it.
"""

from __future__ import annotations

import ast
from dataclasses import dataclass

from threatdelta.extractors.web.python.module_index import ModuleIndex
from threatdelta.extractors.web.python.store_decls import DeclaredStores, definition_evidence
from threatdelta.extractors.web.python.syntax import arg, const_str, last_name
from threatdelta.model.base import Evidence
from threatdelta.model.elements import DataStore

_REDIS_PACKAGES = frozenset({"redis", "aioredis", "flask_redis"})
_MONGO_PACKAGES = frozenset({"pymongo", "motor", "flask_pymongo"})
_REDIS_CALLS = frozenset({"Redis", "StrictRedis", "from_url", "FlaskRedis", "RedisCluster"})
_MONGO_CALLS = frozenset({"MongoClient", "AsyncIOMotorClient", "AsyncMongoClient", "PyMongo"})
_DATABASE_CALLS = frozenset({"get_database", "get_default_database"})


def _client_kind(call: ast.Call, index: ModuleIndex) -> str:
    package = index.imports.qualify(call.func).split(".")[0]
    name = last_name(call.func)
    if name in _REDIS_CALLS and package in _REDIS_PACKAGES:
        return "redis"
    if name in _MONGO_CALLS and package in _MONGO_PACKAGES:
        return "mongodb"
    return ""


@dataclass(frozen=True)
class _Handle:
    """A MongoDB client (no parent) or a handle taken from another handle."""

    parent: str  # the variable it was taken from; "" for a client
    database: str  # the database name, for a database handle taken from a client
    stmt: ast.Assign


def _taken_from(value: ast.expr) -> tuple[ast.expr, str] | None:
    """(what, name) for `x["name"]`, `x.name`, `x.get_database("name")`."""
    if isinstance(value, ast.Call) and last_name(value.func) in _DATABASE_CALLS:
        if not isinstance(value.func, ast.Attribute):
            return None
        return value.func.value, const_str(arg(value, 0, "name")) or ""
    if isinstance(value, ast.Subscript):
        return value.value, const_str(value.slice) or ""
    if isinstance(value, ast.Attribute):
        return value.value, value.attr
    return None


def _assignments(tree: ast.Module) -> list[tuple[str, ast.Assign]]:
    return [
        (target.id, stmt)
        for stmt in tree.body
        if isinstance(stmt, ast.Assign)
        for target in stmt.targets
        if isinstance(target, ast.Name)
    ]


def _at(path: str, stmt: ast.Assign) -> tuple[Evidence, ...]:
    return definition_evidence(path, stmt)


def client_stores(tree: ast.Module, index: ModuleIndex, path: str, out: DeclaredStores) -> None:
    handles: dict[str, _Handle] = {}
    for name, stmt in _assignments(tree):
        value = stmt.value
        kind = _client_kind(value, index) if isinstance(value, ast.Call) else ""
        if kind == "redis":
            out.add(DataStore(kind_of="redis", name=name, evidence=_at(path, stmt)), name)
            continue
        if kind:
            handles[name] = _Handle("", "", stmt)
            continue
        taken = _taken_from(value)
        if taken is None:
            continue
        source, sub = taken
        if isinstance(source, ast.Call) and _client_kind(source, index) == "mongodb" and sub:
            store = DataStore(kind_of="mongodb", name=sub, evidence=_at(path, stmt))
            out.add(store, name)  # db = MongoClient(uri)["clinic"]
        elif isinstance(source, ast.Name) and source.id in handles:
            parent = handles[source.id]
            handles[name] = _Handle(source.id, sub if not parent.parent else "", stmt)
    _mongo_stores(handles, path, out)


def _mongo_stores(handles: dict[str, _Handle], path: str, out: DeclaredStores) -> None:
    keys: dict[str, str] = {}
    for var, handle in handles.items():
        if handle.database:
            store = DataStore(
                kind_of="mongodb", name=handle.database, evidence=_at(path, handle.stmt)
            )
            out.add(store, var)
            keys[var] = store.key
    for var, handle in handles.items():
        if handle.parent:
            continue
        named = {keys[v] for v, h in handles.items() if h.parent == var and v in keys}
        if len(named) == 1:
            keys[var] = named.pop()
            out.alias(keys[var], var)
        else:
            store = DataStore(kind_of="mongodb", name=var, evidence=_at(path, handle.stmt))
            out.add(store, var)
            keys[var] = store.key
    for var, handle in handles.items():  # collections, in source order: parents come first
        key = keys.get(var) or keys.get(handle.parent)
        if key is not None and var not in keys:
            keys[var] = key
            out.alias(key, var)
