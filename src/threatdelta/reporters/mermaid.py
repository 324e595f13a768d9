"""A Mermaid flowchart of the elements a change affects and their neighbours.

Drawn from the head model (`report.head_register.model`; without a head register, only the
affected elements themselves): the internet client outside everything, each service a
subgraph holding its drawn endpoints, trust boundaries of the model as subgraphs around the
services and nodes they list, data stores, externals and IaC resources as nodes, and data
flows touching an affected element as edges (their other end drawn as a neighbour), labelled
with their protocol and, when known, TLS (`http, TLS no`).
Affected nodes carry their change in the label and a class per change kind. Elements no
longer in the head model (removed ones) are drawn on their own, dashed.

Labels come from the repository, so every label is quoted, flattened to one line, shortened
and written with Mermaid entity codes (`#35;`) for anything but letters, digits, spaces and a
few inert punctuation marks: no quote, bracket, `#`, `;`, `<`, `>`, backtick or non-ASCII
character reaches the diagram source raw. Node and subgraph ids are generated, never keys.
Above `node_cap` elements the diagram is omitted and the reader is sent to the table.
"""

from __future__ import annotations

import string
from collections.abc import Iterator
from dataclasses import dataclass, field

from threatdelta.diff.delta import ChangeKind, DeltaReport
from threatdelta.model.base import ElementKind, Tri
from threatdelta.model.elements import DataStore, Element, Endpoint, IacResource, Service
from threatdelta.model.threat_model import ThreatModel
from threatdelta.reporters.escape import fenced_code, one_line

DEFAULT_NODE_CAP = 40
LABEL_MAX = 80
CLIENT_LABEL = "Internet / client"
_SAFE = frozenset(string.ascii_letters + string.digits + " /._-,:=+?!()")
_SHAPES = {
    ElementKind.ENDPOINT: ("[", "]"),
    ElementKind.SERVICE: ("[[", "]]"),
    ElementKind.DATASTORE: ("[(", ")]"),
    ElementKind.EXTERNAL: ("([", "])"),
    ElementKind.IAC: ("{{", "}}"),
}
_CLASSES = {
    ChangeKind.ADDED: "fill:#dafbe1,stroke:#1a7f37,color:#1f2328",
    ChangeKind.MODIFIED: "fill:#fff8c5,stroke:#9a6700,color:#1f2328",
    ChangeKind.REMOVED: "fill:#ffebe9,stroke:#cf222e,color:#1f2328,stroke-dasharray:5 5",
    ChangeKind.DEPENDENT: "fill:#ddf4ff,stroke:#0969da,color:#1f2328",
}
_INDENT = "    "
_TLS = {Tri.YES: ", TLS yes", Tri.NO: ", TLS no"}  # unknown: the protocol alone


def mermaid_text(text: str) -> str:
    """`text` as the inside of a quoted Mermaid label: one line, at most LABEL_MAX characters,
    everything outside a small inert set written as a decimal entity code (`"` -> `#34;`)."""
    text = one_line(text).strip() or "(unnamed)"
    if len(text) > LABEL_MAX:
        text = text[: LABEL_MAX - 1] + "\u2026"
    return "".join(ch if ch in _SAFE else f"#{ord(ch)};" for ch in text)


def _quoted(text: str) -> str:
    return f'"{mermaid_text(text)}"'


@dataclass(frozen=True)
class _Node:
    key: str
    label: str  # the element's name; the change is appended when drawn
    kind: ElementKind | None  # None: a flow end whose key names no known kind
    change: ChangeKind | None  # None: an unaffected neighbour
    service: str | None  # the service subgraph it sits in


@dataclass(frozen=True)
class _Edge:
    source: str
    target: str
    protocol: str
    change: ChangeKind | None
    encrypted: Tri = Tri.UNKNOWN


@dataclass
class _Graph:
    nodes: dict[str, _Node] = field(default_factory=dict)
    edges: list[_Edge] = field(default_factory=list)


def _label_and_service(element: Element | None, key: str) -> tuple[str, str | None]:
    if isinstance(element, Endpoint):
        return element.name, element.service
    if isinstance(element, Service):
        return f"service: {element.name}", element.name
    if isinstance(element, DataStore):
        return f"{element.kind_of}: {element.name}", None
    if isinstance(element, IacResource):
        return f"{element.type}.{element.name}", None
    if element is not None:
        return element.name, None
    return key.partition(":")[2] or key, None  # not in the head model (removed)


def _node(
    index: dict[str, Element], key: str, kind: ElementKind | None, change: ChangeKind | None
) -> _Node:
    element = index.get(key)
    label, service = _label_and_service(element, key)
    return _Node(key, label, element.kind if element else kind, change, service)


def _kind_of_key(key: str) -> ElementKind | None:
    prefix = key.partition(":")[0]
    return next((kind for kind in ElementKind if kind.value == prefix), None)


def _head_model(report: DeltaReport) -> ThreatModel:
    return report.head_register.model if report.head_register else ThreatModel()


def _graph(report: DeltaReport) -> _Graph:
    model = _head_model(report)
    index = {e.key: e for e in model.elements()}
    graph = _Graph()
    changed_flows: dict[str, ChangeKind] = {}
    for a in report.affected:
        if a.kind is ElementKind.FLOW:
            changed_flows[a.key] = a.change
        elif a.kind is not ElementKind.BOUNDARY:
            graph.nodes.setdefault(a.key, _node(index, a.key, a.kind, a.change))
    affected = set(graph.nodes)
    for flow in model.flows:
        change = changed_flows.get(flow.key)
        if change is None and flow.source not in affected and flow.target not in affected:
            continue
        for end in (flow.source, flow.target):
            graph.nodes.setdefault(end, _node(index, end, _kind_of_key(end), None))
        graph.edges.append(_Edge(flow.source, flow.target, flow.protocol, change, flow.encrypted))
    return graph


class _Ids:
    """Generated ids: `n<i>` for nodes, `s<i>` for services, `b<i>` for boundaries."""

    def __init__(self, graph: _Graph) -> None:
        self.node = {key: f"n{i}" for i, key in enumerate(graph.nodes, start=1)}
        services = dict.fromkeys(n.service for n in graph.nodes.values() if n.service)
        self.service = {name: f"s{i}" for i, name in enumerate(services)}


def _node_line(node_id: str, node: _Node) -> str:
    opening, closing = _SHAPES.get(node.kind, ("[", "]")) if node.kind else ("[", "]")
    suffix = f" ({node.change.value})" if node.change else ""  # ours, after shortening
    return f'{node_id}{opening}"{mermaid_text(node.label)}{suffix}"{closing}'


def _boundary_of(model: ThreatModel, member: str) -> int | None:
    return next((i for i, b in enumerate(model.boundaries) if member in b.members), None)


def _placement(graph: _Graph, ids: _Ids, model: ThreatModel) -> dict[int | None, list[str]]:
    """Lines of each boundary (None: the top level): service subgraphs, then loose nodes."""
    placed: dict[int | None, list[str]] = {}
    for name, service_id in ids.service.items():
        inner = [
            _INDENT + _node_line(ids.node[n.key], n)
            for n in graph.nodes.values()
            if n.service == name
        ]
        block = [f"subgraph {service_id}[{_quoted(f'service: {name}')}]", *inner, "end"]
        placed.setdefault(_boundary_of(model, f"service:{name}"), []).extend(block)
    for node in graph.nodes.values():
        if node.service is None:
            line = _node_line(ids.node[node.key], node)
            placed.setdefault(_boundary_of(model, node.key), []).append(line)
    return placed


def _body(graph: _Graph, ids: _Ids, model: ThreatModel, client: str | None) -> Iterator[str]:
    if client:
        yield f"{client}(({_quoted(CLIENT_LABEL)}))"
    placed = _placement(graph, ids, model)
    for index, lines in sorted(placed.items(), key=lambda item: -1 if item[0] is None else item[0]):
        if index is None:
            yield from lines
            continue
        name = model.boundaries[index].name
        yield f"subgraph b{index}[{_quoted(f'trust boundary: {name}')}]"
        yield from (_INDENT + line for line in lines)
        yield "end"


def _edges(graph: _Graph, ids: _Ids, client: str | None) -> Iterator[str]:
    if client:
        for node in graph.nodes.values():
            if node.kind is ElementKind.ENDPOINT and node.change is not ChangeKind.REMOVED:
                yield f"{client} --> {ids.node[node.key]}"
    for edge in graph.edges:
        label = edge.protocol + _TLS.get(edge.encrypted, "")
        label = label if edge.change is None else f"{label} ({edge.change.value})"
        arrow = "-->" if edge.change is None else "==>"
        yield f"{ids.node[edge.source]} {arrow}|{_quoted(label)}| {ids.node[edge.target]}"


def _classes(graph: _Graph, ids: _Ids) -> Iterator[str]:
    for change, style in _CLASSES.items():
        members = [ids.node[n.key] for n in graph.nodes.values() if n.change is change]
        if members:
            yield f"classDef {change.value} {style}"
            yield f"class {','.join(members)} {change.value}"


def flowchart(report: DeltaReport) -> tuple[str, int]:
    """The diagram source (`flowchart LR` ...) and the number of elements drawn."""
    graph = _graph(report)
    ids = _Ids(graph)
    has_endpoints = any(n.kind is ElementKind.ENDPOINT for n in graph.nodes.values())
    client = "c0" if has_endpoints else None
    model = _head_model(report)
    lines = [
        *_body(graph, ids, model, client),
        *_edges(graph, ids, client),
        *_classes(graph, ids),
    ]
    return "\n".join(["flowchart LR", *(_INDENT + line for line in lines)]), len(graph.nodes)


def render_mermaid(report: DeltaReport, *, node_cap: int = DEFAULT_NODE_CAP) -> str:
    """Markdown: a ```mermaid block, or a sentence saying why there is none."""
    source, count = flowchart(report)
    if count == 0:
        return "_No element to draw._"
    if count > node_cap:
        return f"_diagram omitted: {count} elements; see the table._"
    return fenced_code(source, "mermaid")
