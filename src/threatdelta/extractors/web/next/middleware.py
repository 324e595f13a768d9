"""Next.js `middleware.ts`: the paths its `config.matcher` selects and whether it
authenticates them (`export { auth as middleware }`, `export default withAuth(...)`,
`clerkMiddleware`, a `getToken()` / `jwtVerify()` check in the function), as service-wide
access rules the linker applies to the project's API routes."""

from __future__ import annotations

import re

from tree_sitter import Node

from threatdelta.extractors.web.express.bindings import ModuleIndex
from threatdelta.extractors.web.express.syntax import Code, object_pairs, string_value, strip
from threatdelta.extractors.web.next.exports import default_export, unwrap
from threatdelta.extractors.web.next.handlers import auth_schemes
from threatdelta.model.access_rules import AccessRule
from threatdelta.model.base import Level, Notification, Tri

MIDDLEWARE_FILE = re.compile(r"(^|/)middleware\.[cm]?[jt]s$")
_AUTH_PACKAGES = re.compile(r"next-auth|@clerk/nextjs|@auth0/nextjs-auth0|@supabase/|@kinde")
_AUTH_EXPORTS = re.compile(
    r"export\s*\{\s*(auth|default)\s+as\s+middleware\s*\}|export\s*\{\s*default\s*\}"
)
_PARAM_REST = re.compile(r":\w+[*+]")
_PARAM = re.compile(r":\w+\??")


def project_of(path: str) -> str:
    """The service of a middleware file: its folder, without a trailing `src`."""
    folder = path.rpartition("/")[0]
    folder = folder.removesuffix("/src") if folder != "src" else ""
    return folder or "root"


def middleware_rules(
    code: Code, root: Node, index: ModuleIndex, text: str
) -> tuple[list[AccessRule], list[Notification]]:
    schemes = _schemes(root, index, text)
    if not schemes:
        return [], []
    matcher, where = _matcher(root, index)
    if matcher is None:
        return [], [_note(code.path)]
    location = code.location(where) if where is not None else code.location(root)
    rule = AccessRule(
        service=project_of(code.path),
        order=0,
        patterns=tuple(matcher),
        authentication=Tri.YES,
        access="middleware",
        location=location,
        auth_schemes=schemes,
    )
    return [rule], []


def _schemes(root: Node, index: ModuleIndex, text: str) -> tuple[str, ...]:
    if _AUTH_EXPORTS.search(text) and _AUTH_PACKAGES.search(text):
        return ("session",)
    exported = default_export(root, index)
    if exported is not None:
        fn, wrappers = exported.function, exported.wrappers
    else:
        fn = index.functions.get("middleware")
        fn, wrappers = (fn, ()) if fn is not None else unwrap(index.values.get("middleware"), index)
    if fn is None:
        named = any(
            w.lower().endswith(("auth", "middleware")) or "clerk" in w.lower() for w in wrappers
        )
        return ("session",) if named else ()
    return auth_schemes(fn, wrappers)


def _matcher(root: Node, index: ModuleIndex) -> tuple[list[str] | None, Node | None]:
    """Ant-style patterns of `config.matcher` (every path without one); None when a matcher
    is a regular expression this reading does not follow."""
    config = index.values.get("config")
    matcher = object_pairs(config).get("matcher") if config is not None else None
    node = strip(matcher)
    if node is None:
        return [], None
    items = node.named_children if node.type == "array" else [node]
    out: list[str] = []
    for item in items:
        source = string_value(item) or string_value(object_pairs(item).get("source"))
        if source is None or "(" in source:
            return None, node
        out.append(_PARAM.sub("*", _PARAM_REST.sub("**", source)))
    return out, node


def _note(path: str) -> Notification:
    return Notification(
        level=Level.NOTE,
        code="unreadable-matcher",
        path=path,
        message="nextjs: middleware matcher is a regular expression or not a literal; "
        "the routes it protects are not known",
    )
