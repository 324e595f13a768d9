"""Link per-file fragments into one model: resolve router mounts across files into full
paths, bind spec operations to handlers, and merge what several sources say of one element."""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TypeVar

from threatdelta.model.base import Level, Notification, Tri
from threatdelta.model.elements import Endpoint, Service, normalize_path
from threatdelta.model.facts import FactKind
from threatdelta.model.fragment import ModelFragment, Mount, RouterDecl, RouterRef
from threatdelta.model.link_defaults import apply_router_defaults
from threatdelta.model.link_flows import link_flows
from threatdelta.model.link_iac import link_iac
from threatdelta.model.link_providers import with_provider_facts
from threatdelta.model.link_spring import apply_access_rules
from threatdelta.model.link_spring_stores import resolve_entity_symbols
from threatdelta.model.link_stores import merge_datastores, store_flows
from threatdelta.model.threat_model import ThreatModel

T = TypeVar("T")
_PARAM = re.compile(r"\{[^}/]*\}")
_MAX_MOUNT_DEPTH = 16


@dataclass(frozen=True)
class _Chain:
    """One way a router is reachable from an app: full prefix and controls on the way."""

    prefix: str
    service: str
    authentication: tuple[Tri, ...]
    auth_schemes: tuple[str, ...]
    rate_limited: tuple[Tri, ...]
    guards: tuple[str, ...] = ()


def module_of(path: str) -> str:
    """`app/api/users.py` -> `app/api/users`; `app/api/__init__.py` -> `app/api`."""
    stem = path.rsplit(".", 1)[0] if "." in path.rsplit("/", 1)[-1] else path
    head, _, base = stem.rpartition("/")
    return head if base in ("__init__", "index") and head else stem


class _Routers:
    def __init__(self, fragments: Sequence[ModelFragment]) -> None:
        self.decls: dict[RouterRef, RouterDecl] = {}
        self.declared: set[tuple[str, str]] = set()  # (name, module): hashed in C
        # (name, every "/"-suffix of the module) -> refs: the matches by path suffix without
        # a scan of every router of that name (thousands in a large monorepo)
        self.by_suffix: dict[tuple[str, str], list[RouterRef]] = defaultdict(list)
        self.exact: dict[tuple[str, str], RouterRef] = {}
        self.resolved: dict[tuple[str, str, str, bool], RouterRef | None] = {}
        for frag in fragments:
            for decl in frag.routers:
                if (decl.ref.name, decl.ref.module) not in self.declared:
                    self.declared.add((decl.ref.name, decl.ref.module))
                    self.decls[decl.ref] = decl
                    self.exact[decl.ref.name, decl.ref.module] = decl.ref
                    for suffix in _suffixes(decl.ref.module):
                        self.by_suffix[decl.ref.name, suffix].append(decl.ref)
        self.mounts_of: dict[RouterRef, list[Mount]] = defaultdict(list)
        self.notes: list[Notification] = []
        for frag in fragments:
            for mount in frag.mounts:
                child = self.resolve(mount.child, mount.location.path)
                if child is None:
                    self.notes.append(
                        _note(
                            f"cannot resolve mounted router {_ref(mount.child)}",
                            mount.location.path,
                        )
                    )
                    continue
                self.mounts_of[child].append(mount)

    def resolve(self, ref: RouterRef, near: str = "") -> RouterRef | None:
        """The declared router `ref` names. An import matched by path suffix in several
        places (two services with the same package layout) resolves to the one nearest to
        the importing file `near`; a tie stays unresolved."""
        if (ref.name, ref.module) in self.declared:
            return ref
        # closeness reads only the folder of `near`: one answer per ref and folder
        key = (ref.name, ref.module, near[: near.rfind("/") + 1], bool(near))
        if key not in self.resolved:
            found = self._matching(ref)
            self.resolved[key] = _nearest(found, near)
        return self.resolved[key]

    def _matching(self, ref: RouterRef) -> list[RouterRef]:
        """The declared routers named like `ref` whose module is `ref`'s, ends with it or is
        a path suffix of it (from the indexes: no scan of every router of that name)."""
        found = list(self.by_suffix.get((ref.name, ref.module), ()))
        shorter = (self.exact.get((ref.name, s)) for s in _suffixes(ref.module)[1:])
        return found + [d for d in shorter if d is not None]

    def chains(self, ref: RouterRef, depth: int = 0) -> list[_Chain]:
        decl = self.decls.get(ref)
        if decl is None or depth > _MAX_MOUNT_DEPTH:
            return []
        own = _Chain(
            decl.prefix,
            decl.service,
            (decl.authentication,),
            decl.auth_schemes,
            (decl.rate_limited,),
            decl.guards,
        )
        if decl.is_app:
            return [own]
        result: list[_Chain] = []
        for mount in self.mounts_of.get(ref, []):
            parent = self.resolve(mount.parent, mount.location.path)
            if parent is None or parent == ref:
                continue
            for up in self.chains(parent, depth + 1):
                result.append(
                    _Chain(
                        up.prefix
                        + "/"
                        + mount.prefix
                        + "/"
                        + ("" if mount.replaces_prefix else decl.prefix),
                        up.service,
                        (*up.authentication, mount.authentication, decl.authentication),
                        (*up.auth_schemes, *mount.auth_schemes, *decl.auth_schemes),
                        (*up.rate_limited, mount.rate_limited, decl.rate_limited),
                        (*up.guards, *mount.guards, *decl.guards),
                    )
                )
        return result


def _shared_folders(module: str, path: str) -> int:
    """How many leading folders two repository paths have in common."""
    a, b = module.split("/")[:-1], path.split("/")[:-1]
    return next(
        (i for i, (x, y) in enumerate(zip(a, b, strict=False)) if x != y), min(len(a), len(b))
    )


def _nearest(found: list[RouterRef], near: str) -> RouterRef | None:
    """The one of `found` nearest to the file `near`; a tie stays unresolved."""
    if len(found) > 1 and near:
        closeness = {d: _shared_folders(d.module, near) for d in found}
        best = max(closeness.values())
        found = [d for d in found if closeness[d] == best]
    return found[0] if len(found) == 1 else None


def _suffixes(module: str) -> list[str]:
    """`a/b/c` -> [`a/b/c`, `b/c`, `c`]: the module and every suffix after a `/`."""
    parts = module.split("/")
    return ["/".join(parts[i:]) for i in range(len(parts))]


def _ref(ref: RouterRef) -> str:
    return f"'{ref.name}' from '{ref.module}'"


def _note(message: str, path: str | None) -> Notification:
    return Notification(level=Level.WARNING, code="unresolved-router", message=message, path=path)


def _uniq(items: Iterable[T]) -> tuple[T, ...]:
    return tuple(dict.fromkeys(items))


def _opted_out(ep: Endpoint, kind: FactKind) -> bool:
    """The route itself opts out of a control its layers apply (`@Public()`,
    `@SkipThrottle()`): the route's own value stands."""
    return any(f.kind is kind for f in ep.facts)


def _place(ep: Endpoint, chain: _Chain) -> Endpoint:
    public = _opted_out(ep, FactKind.AUTH_BYPASS)
    unthrottled = _opted_out(ep, FactKind.THROTTLE_SKIPPED)
    return ep.model_copy(
        update={
            "path": normalize_path(chain.prefix + "/" + ep.path),
            "service": ep.service or chain.service,
            "authentication": ep.authentication
            if public
            else Tri.any_of(ep.authentication, *chain.authentication),
            "auth_schemes": _uniq((*ep.auth_schemes, *chain.auth_schemes)),
            "rate_limited": ep.rate_limited
            if unthrottled
            else Tri.any_of(ep.rate_limited, *chain.rate_limited),
            "guards": _uniq((*ep.guards, *chain.guards)),
        }
    )


def _routed_endpoints(fragments: Sequence[ModelFragment], routers: _Routers) -> list[Endpoint]:
    out: list[Endpoint] = []
    for frag in fragments:
        for routed in frag.endpoints:
            ep = routed.endpoint
            if routed.router is None:
                out.append(ep.model_copy(update={"path": normalize_path(ep.path)}))
                continue
            ref = routers.resolve(routed.router, frag.path)
            chains = routers.chains(ref) if ref else []
            if not chains:
                decl = routers.decls.get(ref) if ref else None
                routers.notes.append(
                    _note(
                        f"router {_ref(routed.router)} is not mounted on any app; "
                        f"{ep.method} {ep.path} is reported without a mount prefix",
                        frag.path,
                    )
                )
                prefix = decl.prefix if decl else ""
                chains = [
                    _Chain(
                        prefix,
                        decl.service if decl else "",
                        (decl.authentication if decl else Tri.UNKNOWN,),
                        decl.auth_schemes if decl else (),
                        (decl.rate_limited if decl else Tri.UNKNOWN,),
                        decl.guards if decl else (),
                    )
                ]
            out.extend(_place(ep, chain) for chain in _uniq_chains(chains))
    return out


def _uniq_chains(chains: list[_Chain]) -> list[_Chain]:
    seen: dict[str, _Chain] = {}
    for chain in chains:
        seen.setdefault(normalize_path(chain.prefix), chain)
    return list(seen.values())


def _prefer_code(code: Tri, spec: Tri) -> Tri:
    return code if code is not Tri.UNKNOWN else spec


def merge_endpoints(a: Endpoint, b: Endpoint) -> Endpoint:
    """Merge two views of one endpoint. The one with a handler is the code view; where the
    code is definite it wins (the spec states intent, the code enforces)."""
    code, spec = (a, b) if a.handler is not None or b.handler is None else (b, a)
    tri_fields = (
        "authentication",
        "object_authorization",
        "rate_limited",
        "audit_logged",
        "plain_http",
        "request_schema",
        "paginated",
        "returns_collection",
    )
    update: dict[str, object] = {
        name: _prefer_code(getattr(code, name), getattr(spec, name)) for name in tri_fields
    }
    params = {(p.name, p.location): p for p in (*spec.parameters, *code.parameters)}
    update |= {
        "service": code.service or spec.service,
        "handler_name": code.handler_name or spec.handler_name,
        "operation_id": code.operation_id or spec.operation_id,
        "sources": _uniq((*code.sources, *spec.sources)),
        "evidence": _uniq((*code.evidence, *spec.evidence)),
        "auth_schemes": _uniq((*code.auth_schemes, *spec.auth_schemes)),
        "guards": _uniq((*code.guards, *spec.guards)),
        "parameters": tuple(params.values()),
        "request_fields": _uniq((*code.request_fields, *spec.request_fields)),
        "response_fields": _uniq((*code.response_fields, *spec.response_fields)),
        "request_data": _uniq((*code.request_data, *spec.request_data)),
        "response_data": _uniq((*code.response_data, *spec.response_data)),
        "facts": _uniq((*code.facts, *spec.facts)),
    }
    return code.model_copy(update=update)


def merge_key(ep: Endpoint) -> str:
    """One endpoint per method and path shape: `/users/{id}` and `/users/{userId}` are one
    (a spec and its code often name parameters differently)."""
    return f"{ep.method} {_PARAM.sub('{}', ep.path)}"


def _dotted_match(a: str, b: str) -> bool:
    """connexion operationIds are dotted module paths: `api.users.get` names the handler
    `app.api.users.get` (and a bare `get` under `x-openapi-router-controller`)."""
    return a == b or a.endswith("." + b) or b.endswith("." + a)


def _operation_claims(
    fragments: Sequence[ModelFragment],
    by_op: dict[str, int],
    by_last: dict[str, list[tuple[str, int]]],
) -> dict[str, int]:
    """Binding id -> the one operation it binds: an exact operationId, else the only
    operation whose dotted id matches by suffix and that no other handler also matches."""
    claims: dict[str, int] = {}
    suffix: dict[int, list[str]] = defaultdict(list)
    for binding_id in {b.operation_id for f in fragments for b in f.bindings}:
        if binding_id in by_op:
            claims[binding_id] = by_op[binding_id]
            continue
        last = binding_id.rsplit(".", 1)[-1]
        found = [i for op_id, i in by_last.get(last, []) if _dotted_match(op_id, binding_id)]
        if len(found) == 1:
            suffix[found[0]].append(binding_id)
    taken = set(claims.values())
    for index, binding_ids in suffix.items():
        if len(binding_ids) == 1 and index not in taken:
            claims[binding_ids[0]] = index
    return claims


def _bind_operations(
    fragments: Sequence[ModelFragment], endpoints: list[Endpoint], notes: list[Notification]
) -> list[Endpoint]:
    by_op = {ep.operation_id: i for i, ep in enumerate(endpoints) if ep.operation_id}
    by_last: dict[str, list[tuple[str, int]]] = defaultdict(list)
    for op_id, i in by_op.items():
        by_last[op_id.rsplit(".", 1)[-1]].append((op_id, i))
    claims = _operation_claims(fragments, by_op, by_last)
    for frag in fragments:
        for binding in frag.bindings:
            index = claims.get(binding.operation_id)
            if index is None:
                notes.append(
                    Notification(
                        level=Level.NOTE,
                        code="unbound-operation",
                        path=frag.path,
                        message=f"handler for operationId '{binding.operation_id}' matches no "
                        "operation of any OpenAPI document",
                    )
                )
                continue
            spec_ep = endpoints[index]
            code_ep = binding.endpoint.model_copy(
                update={"method": spec_ep.method, "path": spec_ep.path, "service": spec_ep.service}
            )
            endpoints[index] = merge_endpoints(code_ep, spec_ep)
    return endpoints


def _known(a: Tri, b: Tri) -> Tri:
    """Combine two views of a service-wide fact: what is known wins over unknown."""
    if Tri.UNKNOWN in (a, b):
        return b if a is Tri.UNKNOWN else a
    return Tri.any_of(a, b)


def _merge_two(old: Service, svc: Service) -> Service:
    return old.model_copy(
        update={
            "framework": old.framework or svc.framework,
            "evidence": _uniq((*old.evidence, *svc.evidence)),
            "facts": _uniq((*old.facts, *svc.facts)),
            "security_headers": _known(old.security_headers, svc.security_headers),
            "plain_http": _known(old.plain_http, svc.plain_http),
        }
    )


def _home(name: str, apps: list[str]) -> str | None:
    """The app service a module-level service belongs to: nearest enclosing folder, else
    the only app there is."""
    enclosing = [a for a in apps if a in ("root", name) or name.startswith(a + "/")]
    if enclosing:
        return max(enclosing, key=lambda a: (a != "root", len(a)))
    return apps[0] if len(apps) == 1 else None


def _merge_services(services: Iterable[Service]) -> tuple[Service, ...]:
    merged: dict[str, Service] = {}
    for svc in services:
        merged[svc.name] = _merge_two(merged[svc.name], svc) if svc.name in merged else svc
    apps = sorted(name for name, svc in merged.items() if svc.framework)
    for name in [n for n, svc in merged.items() if not svc.framework]:
        home = _home(name, apps)
        if home is not None:
            merged[home] = _merge_two(merged[home], merged.pop(name))
    return tuple(sorted(merged.values(), key=lambda s: s.name))


def link(fragments: Sequence[ModelFragment]) -> tuple[ThreatModel, tuple[Notification, ...]]:
    """Fragments (any order) -> one model and the notifications raised while linking."""
    fragments = sorted(fragments, key=lambda f: (f.path, f.extractor))
    fragments = resolve_entity_symbols(fragments)
    routers = _Routers(fragments)
    endpoints = apply_router_defaults(fragments, _routed_endpoints(fragments, routers))
    endpoints = with_provider_facts(fragments, endpoints)
    by_key: dict[str, Endpoint] = {}
    for ep in endpoints:
        key = merge_key(ep)
        by_key[key] = merge_endpoints(by_key[key], ep) if key in by_key else ep
    bound = _bind_operations(fragments, list(by_key.values()), routers.notes)
    bound = apply_access_rules(fragments, bound)
    services = [s for f in fragments for s in f.services]
    known = {s.name for s in services}
    services += [Service(name=ep.service) for ep in bound if ep.service and ep.service not in known]
    datastores = merge_datastores(d for f in fragments for d in f.datastores)
    flows, store_notes = store_flows(fragments, bound, datastores)
    iac, iac_notes = link_iac(fragments)
    model = ThreatModel(
        services=_merge_services(services),
        endpoints=tuple(sorted(bound, key=lambda e: (e.path, e.method))),
        datastores=datastores,
        externals=_uniq(x for f in fragments for x in f.externals),
        flows=_uniq((*(x for f in fragments for x in f.flows), *flows)),
        boundaries=_uniq(x for f in fragments for x in f.boundaries),
        iac=iac,
        imported_threats=_uniq(t for f in fragments for t in f.imported_threats),
    )
    return link_flows(model), (*routers.notes, *store_notes, *iac_notes)
