"""docker-compose services as deployed units (`extractors/iac/compose*.py` attributes).

Per compose file: each service is a node, its `iac:compose:service.<path>:<name>` key, or
for an image of a well-known data store or broker (`postgres`, `redis`, `mongo`,
`rabbitmq`, ... see `deployed_images`) a `DataStore(kind_of=<kind>)` named like the
service's IaC resource (`datastore:postgres:docker-compose.yml:db`).
Boundaries: one `network` boundary per compose network the file's services join
(`boundary:compose:<path>:<network>`, `default` when a service names none), inside it a
`container` boundary per service (`boundary:container:<path>:<service>`) holding the
node and the code services its `build` context contains. Flows: the internet to each
service with a port published on a non-loopback address; the connection settings of its
environment (`link_flows_env`); a `depends_on` on a data store without such a setting.
"""

from __future__ import annotations

from collections import defaultdict

from threatdelta.model.base import Tri
from threatdelta.model.deployed_images import default_encryption, store_kind, store_protocol
from threatdelta.model.elements import (
    BoundaryKind,
    DataFlow,
    DataStore,
    IacAttribute,
    IacResource,
    Service,
    TrustBoundary,
)
from threatdelta.model.flow_graph import FlowGraph, Target
from threatdelta.model.link_flows_env import env_flows

COMPOSE_SERVICE = "compose:service"
_LOOPBACK = ("127.", "localhost", "[::1]", "::1")


def _values(resource: IacResource, name: str) -> list[IacAttribute]:
    return [a for a in resource.attributes if a.name == name]


def _first(resource: IacResource, name: str) -> str:
    found = _values(resource, name)
    return found[0].value if found else ""


def _published(port: str) -> bool:
    """A `ports` entry that publishes on a host interface other than loopback."""
    spec = port.strip().split("/", 1)[0]
    host = spec.rsplit(":", 2)[0] if spec.count(":") == 2 else ""
    return not host.startswith(_LOOPBACK) and "$" not in host


def _folder(path: str) -> str:
    return path.rpartition("/")[0]


def _context_folder(compose_path: str, context: str) -> str:
    parts = [p for p in f"{_folder(compose_path)}/{context}".split("/") if p not in ("", ".")]
    folder: list[str] = []
    for part in parts:
        if part == "..":
            if folder:
                folder.pop()
        else:
            folder.append(part)
    return "/".join(folder)


def _built_services(folder: str, services: list[Service]) -> list[str]:
    """Code services whose app lives inside the build context `folder`."""
    return [
        s.key
        for s in services
        if s.framework and (not folder or s.name == folder or s.name.startswith(folder + "/"))
    ]


class _ComposeFile:
    def __init__(self, path: str, units: list[IacResource]) -> None:
        self.path = path
        self.units = units
        self.short = {u.name.rpartition(":")[2]: u for u in units}
        self.nodes: dict[str, Target] = {}
        for name, unit in self.short.items():
            kind = store_kind(_first(unit, "image"))
            key = DataStore(kind_of=kind, name=unit.name).key if kind else unit.key
            self.nodes[name] = Target(key=key, kind=kind)

    def resolve(self, service: str, namespace: str) -> list[Target]:
        target = self.nodes.get(service) if not namespace else None
        return [target] if target else []


def _boundaries(graph: FlowGraph, file: _ComposeFile, services: list[Service]) -> None:
    for name, unit in file.short.items():
        node = file.nodes[name].key
        networks = [a.value for a in _values(unit, "networks")] or ["default"]
        parents = []
        for network in networks:
            key = graph.boundary(
                TrustBoundary(
                    name=f"compose:{file.path}:{network}",
                    kind_of=BoundaryKind.NETWORK,
                    evidence=unit.evidence[:1],
                )
            )
            graph.place(node, key)
            parents.append(key)
        container = graph.boundary(
            TrustBoundary(
                name=f"container:{unit.name}",
                kind_of=BoundaryKind.CONTAINER,
                evidence=unit.evidence[:1],
                parent=parents[0],
            )
        )
        graph.place(node, container)
        context = _first(unit, "build")
        if context:
            for code in _built_services(_context_folder(file.path, context), services):
                graph.place(code, container)
                graph.homes.setdefault(code.removeprefix("service:"), container)
                graph.resolvers.setdefault(code.removeprefix("service:"), file.resolve)


def _store(graph: FlowGraph, unit: IacResource, target: Target) -> None:
    if target.kind:
        graph.datastore(DataStore(kind_of=target.kind, name=unit.name, evidence=unit.evidence[:1]))


def _flows(graph: FlowGraph, file: _ComposeFile) -> None:
    for name, unit in file.short.items():
        node = file.nodes[name]
        _store(graph, unit, node)
        for port in _values(unit, "ports"):
            if _published(port.value):
                protocol = store_protocol(node.kind) if node.kind else "http"
                graph.flow(
                    DataFlow(
                        source=graph.internet(),
                        target=node.key,
                        protocol=protocol,
                        evidence=port.evidence,
                    )
                )
        env = [a for a in unit.attributes if a.name.startswith("environment.")]
        env_flows(graph, node.key, env, file.resolve)
        for needed in _values(unit, "depends_on"):
            target = file.nodes.get(needed.value)
            if target is None or not target.kind or graph.has_flow(node.key, target.key):
                continue
            graph.flow(
                DataFlow(
                    source=node.key,
                    target=target.key,
                    protocol=store_protocol(target.kind),
                    evidence=needed.evidence,
                    encrypted=default_encryption(target.kind),
                    authenticated=Tri.UNKNOWN,
                )
            )


def link_compose(graph: FlowGraph, iac: tuple[IacResource, ...], services: list[Service]) -> None:
    files: dict[str, list[IacResource]] = defaultdict(list)
    for resource in iac:
        if resource.type == COMPOSE_SERVICE:
            files[resource.name.rpartition(":")[0]].append(resource)
    for path, units in files.items():
        file = _ComposeFile(path, units)
        _boundaries(graph, file, services)
        _flows(graph, file)
