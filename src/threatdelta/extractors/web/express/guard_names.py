"""The names a middleware expression goes by, so a pull request that edits the function
behind a middleware can list every route using it: `requireRole('admin')` -> `requireRole`,
`passport.authenticate('jwt')` -> `authenticate`, `auth.required` -> `required`, a local
`const adminOnly = requireRole('admin')` -> `adminOnly`, `requireRole`, and an import
renamed on the way in (`import { requireRole as role }`) -> `role`, `requireRole`."""

from __future__ import annotations

from tree_sitter import Node

from threatdelta.extractors.web.express.bindings import ModuleIndex, require_spec
from threatdelta.extractors.web.express.syntax import FUNCTION_TYPES, chain, identifier, strip

_NOT_NAMES = frozenset({"default", "*", ""})
_MAX_DEPTH = 3


def middleware_names(node: Node | None, index: ModuleIndex, depth: int = 0) -> tuple[str, ...]:
    """The plain names of one middleware expression (not an array): its own name, then the
    names of what a local alias or a renamed import stands for. Empty for an anonymous
    function, a bare `require(...)` or anything else without a name."""
    node = strip(node)
    if node is None or depth > _MAX_DEPTH:
        return ()
    name = identifier(node)
    if name is not None:
        return _uniq((name, *_bound_names(name, index, depth)))
    if node.type in FUNCTION_TYPES:  # `function checkTenant(req, res, next) {...}` inline
        return _uniq((identifier(node.child_by_field_name("name")) or "",))
    if node.type == "call_expression" and require_spec(node) is None:
        callee = strip(node.child_by_field_name("function"))
        if callee is not None and callee.type in ("identifier", "member_expression"):
            return middleware_names(callee, index, depth + 1)
    if node.type == "member_expression":
        names = chain(node)
        return _uniq((names[-1],)) if names else ()
    return ()


def _bound_names(name: str, index: ModuleIndex, depth: int) -> tuple[str, ...]:
    """What a local name stands for: the exported name of an import bound under another
    name, or the names of the expression a local variable holds."""
    bound = index.imports.get(name)
    if bound is not None:
        return (bound.name,)
    if name in index.functions:
        return ()
    return middleware_names(index.values.get(name), index, depth + 1)


def _uniq(names: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(n for n in names if n not in _NOT_NAMES))
