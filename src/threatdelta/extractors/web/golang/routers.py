"""Routers of one Go file as the scanner finds them: engines and muxes, groups and
subrouters with their prefixes and middleware, routes and mounts; and how a route's full
path and middleware chain are read back up to its base router."""

from __future__ import annotations

from dataclasses import dataclass, field

from tree_sitter import Node

from threatdelta.extractors.web.golang.imports import Framework
from threatdelta.model.fragment import RouterRef


@dataclass(frozen=True)
class Guard:
    """One middleware applied to a router or a route; `name` is empty for an inline
    function (which might be anything)."""

    name: str
    pos: int  # byte offset where it is applied (gin applies middleware in order)
    node: Node


@dataclass(eq=False)
class Router:
    """An engine, mux, group, subrouter or router parameter. A base router (no parent) is
    declared to the linker as `ref`; the others hang off their parent with a prefix."""

    framework: Framework
    node: Node
    ref: RouterRef
    is_app: bool
    parent: Router | None = None
    prefix: str = ""
    created: int = 0
    guards: list[Guard] = field(default_factory=list)
    uses: list[Node] = field(default_factory=list)

    def group(self, node: Node, prefix: str, guards: list[Guard]) -> Router:
        return Router(
            framework=self.framework,
            node=node,
            ref=self.ref,
            is_app=False,
            parent=self,
            prefix=prefix,
            created=node.start_byte,
            guards=guards,
        )

    def attach(self, parent: Router, prefix: str, at: int) -> None:
        """`parent.Mount(prefix, self)`: this router now hangs off `parent`."""
        if parent is self or _ancestor(self, parent):
            return
        self.parent, self.prefix, self.created, self.is_app = parent, prefix, at, False


def _ancestor(candidate: Router, of: Router) -> bool:
    current: Router | None = of
    while current is not None:
        if current is candidate:
            return True
        current = current.parent
    return False


@dataclass(frozen=True)
class Chain:
    base: Router
    prefix: str
    guards: tuple[Guard, ...]
    uses: tuple[Node, ...]


def chain_of(router: Router, at: int) -> Chain:
    """The prefix and middleware from the base router down to `router`, as seen by a route
    registered at byte `at` (gin only applies middleware registered before the route or
    before the group was created)."""
    prefixes: list[str] = []
    guards: list[Guard] = []
    uses: list[Node] = []
    current, pos = router, at
    for _ in range(64):
        ordered = current.framework is Framework.GIN
        guards[:0] = [g for g in current.guards if not ordered or g.pos < pos]
        uses[:0] = current.uses
        prefixes.insert(0, current.prefix)
        if current.parent is None:
            break
        pos, current = current.created, current.parent
    return Chain(current, "/".join(prefixes), tuple(guards), tuple(uses))


@dataclass(frozen=True)
class RouteReg:
    router: Router
    method: str  # "" when the route takes any method
    path: str  # as written, relative to `router`
    handler: Node
    guards: tuple[Guard, ...]
    call: Node


@dataclass(frozen=True)
class MountReg:
    """A router defined elsewhere (a function taking or returning a router) attached to a
    router of this file: `RegisterRoutes(api)`, `r.Mount("/x", items.Routes())`."""

    router: Router
    child: RouterRef
    prefix: str
    guards: tuple[Guard, ...]
    call: Node
