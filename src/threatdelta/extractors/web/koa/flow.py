"""Request input in a Koa handler `(ctx, next)`: `ctx.request.body`, `ctx.params`,
`ctx.query` / `ctx.request.query`, `ctx.headers`; `ctx.body` is the response, not input."""

from __future__ import annotations

from tree_sitter import Node

from threatdelta.extractors.web.express.bindings import ModuleIndex
from threatdelta.extractors.web.express.flow import SOURCES, Flow
from threatdelta.extractors.web.express.syntax import chain, property_name, strip

_ALIASES = {"header": "headers", "querystring": "query"}


class KoaFlow(Flow):
    """The context `ctx` stands for both request and response."""

    def __init__(self, fn: Node, index: ModuleIndex) -> None:
        super().__init__(fn, index)
        self.ctx = self.req
        self.res = None

    def source_of(self, node: Node | None) -> str | None:
        node = strip(node)
        if node is None or node.type not in ("member_expression", "subscript_expression"):
            return None
        prop = _ALIASES.get(property_name(node), property_name(node))
        owner = chain(node.child_by_field_name("object"))
        if self.ctx is None or prop not in SOURCES:
            return None
        if owner == (self.ctx, "request"):
            return prop
        return prop if owner == (self.ctx,) and prop != "body" else None

    def _principal_chain(self, names: tuple[str, ...]) -> bool:
        """`ctx.state.user` (koa-jwt, koa-passport) is the principal."""
        if self.ctx is not None and names[:3] == (self.ctx, "state", "user"):
            return True
        return super()._principal_chain(names)
