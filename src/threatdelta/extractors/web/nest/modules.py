"""NestJS `@Module({...})` classes as routers of the model: the controllers and imported
modules they list are mounted under them (a `RouterModule.register` path is a prefix), and
guards provided as `APP_GUARD` apply to every route of the application."""

from __future__ import annotations

from tree_sitter import Node

from threatdelta.extractors.web.express.bindings import ModuleIndex, resolve_module
from threatdelta.extractors.web.express.middleware import (
    Guard,
    authentication_of,
    names_of,
    rate_limit_of,
    schemes_of,
)
from threatdelta.extractors.web.express.paths import to_template
from threatdelta.extractors.web.express.syntax import (
    Code,
    chain,
    identifier,
    object_pairs,
    string_value,
    strip,
)
from threatdelta.extractors.web.nest.decorators import Decorator
from threatdelta.extractors.web.nest.guards import classify
from threatdelta.model.base import Tri
from threatdelta.model.fragment import Mount, RouterDecl, RouterRef
from threatdelta.model.link import module_of

_MAX_ROUTES = 200
_MAX_DEPTH = 16


def class_ref(name: str, code: Code, index: ModuleIndex) -> RouterRef | None:
    """Where the class `name` is declared: imported from a local module or in this one;
    None for a package import."""
    bound = index.imports.get(name)
    if bound is None:
        return RouterRef(module=module_of(code.path), name=name)
    module = resolve_module(code.path, bound.spec)
    if module is None:
        return None
    return RouterRef(module=module, name=name if bound.name in ("default", "*") else bound.name)


def read_module(
    cls_name: str, module: Decorator, code: Code, index: ModuleIndex
) -> tuple[RouterDecl, list[Mount]]:
    options = object_pairs(module.args[0]) if module.args else {}
    ref = RouterRef(module=module_of(code.path), name=cls_name)
    guards = app_guards(options.get("providers"))
    decl = RouterDecl(
        ref=ref,
        location=code.location(module.node),
        authentication=authentication_of(guards),
        auth_schemes=schemes_of(guards),
        rate_limited=rate_limit_of(guards),
        guards=names_of(guards),
    )
    mounts: list[Mount] = []
    for key in ("controllers", "imports"):
        for item in _items(options.get(key)):
            mounts.extend(_mounts_of(ref, item, code, index))
    routed = {m.child for m in mounts if m.prefix}
    return decl, [m for m in mounts if m.prefix or m.child not in routed]


def _items(node: Node | None) -> list[Node]:
    node = strip(node)
    if node is None or node.type != "array":
        return []
    return [c for c in node.named_children if c.type != "comment"]


def _mounts_of(parent: RouterRef, item: Node, code: Code, index: ModuleIndex) -> list[Mount]:
    name = identifier(item)
    if name is not None:
        child = class_ref(name, code, index)
        return [] if child is None else [_mount(parent, child, "", item, code)]
    call = strip(item)
    names = chain(call.child_by_field_name("function")) if call is not None else ()
    if names[-2:] != ("RouterModule", "register") and names[-2:] != ("RouterModule", "forRoutes"):
        return []
    args = [c for c in (item.child_by_field_name("arguments") or item).named_children]
    return _route_tree(parent, args[0] if args else None, "", code, index)


def _route_tree(
    parent: RouterRef,
    routes: Node | None,
    prefix: str,
    code: Code,
    index: ModuleIndex,
    *,
    depth: int = 0,
) -> list[Mount]:
    """`RouterModule.register([{ path: 'admin', module: AdminModule, children: [...] }])`
    (nested children read to a bounded depth)."""
    out: list[Mount] = []
    if depth > _MAX_DEPTH:
        return out
    for route in _items(routes)[:_MAX_ROUTES]:
        pairs = object_pairs(route)
        path = prefix + "/" + (string_value(pairs.get("path")) or "")
        target = identifier(pairs.get("module"))
        child = class_ref(target, code, index) if target is not None else None
        if child is not None:
            out.append(_mount(parent, child, to_template(path), route, code))
        if len(out) < _MAX_ROUTES:
            children = pairs.get("children")
            out.extend(_route_tree(parent, children, path, code, index, depth=depth + 1))
    return out


def _mount(parent: RouterRef, child: RouterRef, prefix: str, node: Node, code: Code) -> Mount:
    return Mount(
        parent=parent,
        child=child,
        prefix=prefix,
        location=code.location(node),
        authentication=Tri.NO,
        rate_limited=Tri.NO,
    )


def app_guards(providers: Node | None) -> list[Guard]:
    """`{ provide: APP_GUARD, useClass: JwtAuthGuard }` entries of a providers array."""
    guards: list[Guard] = []
    for item in _items(providers):
        pairs = object_pairs(item)
        if identifier(pairs.get("provide")) != "APP_GUARD":
            continue
        target = pairs.get("useClass") or pairs.get("useExisting") or pairs.get("useValue")
        if target is not None:
            guards.append(classify(target))
    return guards
