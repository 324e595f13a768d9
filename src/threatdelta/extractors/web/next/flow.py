"""Request input in Next.js handlers, on top of the Express reading: the App Router's
`await request.json()` / `formData()` (the body), `request.nextUrl.searchParams.get()` (the
query) and the route context's `params` (path parameters)."""

from __future__ import annotations

from tree_sitter import Node

from threatdelta.extractors.web.express.bindings import ModuleIndex
from threatdelta.extractors.web.express.flow import Flow
from threatdelta.extractors.web.express.syntax import (
    chain,
    identifier,
    parameters,
    pattern_names,
    strip,
    walk,
)

_BODY_READERS = frozenset({"json", "formData", "text", "arrayBuffer", "blob"})


class AppRouterFlow(Flow):
    """A `route.ts` handler `(request, { params })`: no response object."""

    def __init__(self, fn: Node, index: ModuleIndex) -> None:
        super().__init__(fn, index)
        self.res = None
        self.context: str | None = None
        params = parameters(fn)
        second = params[1] if len(params) > 1 else None
        if second is not None and second.type == "object_pattern":
            for key, local, _rest in pattern_names(second):
                if key == "params":
                    self.labels[local] = frozenset({"params"})
                    self.whole[local] = "params"
        elif second is not None:
            self.context = identifier(second)

    def labels_of(self, expr: Node | None) -> frozenset[str]:
        found = set(super().labels_of(expr))
        for node in walk(expr) if expr is not None else ():
            if node.type in ("call_expression", "member_expression"):
                found |= self._reads(node)
        return frozenset(found)

    def _reads(self, node: Node) -> set[str]:
        target = node.child_by_field_name("function") if node.type == "call_expression" else node
        names = chain(target)
        if node.type == "call_expression":
            if len(names) == 2 and names[0] == self.req and names[1] in _BODY_READERS:
                return {"body"}
            if names[-2:] == ("searchParams", "get") and names[:1] == (self.req,):
                return {"query"}
        elif self.context is not None and names[:2] == (self.context, "params"):
            return {"params"}
        return set()

    def is_whole(self, expr: Node | None, source: str = "body") -> bool:
        node = strip(expr)
        if source == "body" and node is not None and node.type == "call_expression":
            names = chain(node.child_by_field_name("function"))
            if len(names) == 2 and names[0] == self.req and names[1] == "json":
                return True
        return super().is_whole(expr, source)
