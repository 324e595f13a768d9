"""A Mermaid flowchart of the whole model for `scan --format markdown`: the flows of

`model/link_flows.py` between the internet, entry points, deployed units, code services, data
stores and external services, inside their trust boundaries.

Endpoints are folded into their service (an endpoint -> store flow is drawn once, from the
service), so the diagram stays at the architecture level; a code service placed in a boundary
(the container that runs it) is drawn even without a flow of its own. Each edge is labelled
with its protocol and TLS (`https, TLS yes`, `http, TLS no`, `postgres, TLS ?`). Each trust
boundary holding a drawn node is a subgraph, nested as the boundaries are (a container in its
namespace in its cluster); a node sits in the innermost boundary listing it. Labels go through
`mermaid.mermaid_text`; node and subgraph ids are generated. Above `node_cap` nodes the diagram
is omitted with a sentence.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator

from threatdelta.model.base import ElementKind, Tri
from threatdelta.model.elements import DataFlow, Element, TrustBoundary
from threatdelta.model.threat_model import ThreatModel
from threatdelta.reporters.escape import fenced_code
from threatdelta.reporters.mermaid import DEFAULT_NODE_CAP, mermaid_text

_SHAPES = {
    ElementKind.SERVICE: ("[[", "]]"),
    ElementKind.DATASTORE: ("[(", ")]"),
    ElementKind.EXTERNAL: ("([", "])"),
    ElementKind.IAC: ("{{", "}}"),
}
_TLS = {Tri.YES: "TLS yes", Tri.NO: "TLS no", Tri.UNKNOWN: "TLS ?"}
_INDENT = "    "


def _end(key: str, owners: dict[str, str]) -> str:
    return owners.get(key, key)


def _edges(model: ThreatModel) -> dict[tuple[str, str, str], DataFlow]:
    """One edge per (source, target, protocol), endpoints folded into their service."""
    owners = {ep.key: f"service:{ep.service}" for ep in model.endpoints}
    edges: dict[tuple[str, str, str], DataFlow] = {}
    for flow in model.flows:
        source, target = _end(flow.source, owners), _end(flow.target, owners)
        if source != target:
            edges.setdefault((source, target, flow.protocol), flow)
    return edges


def _label(key: str, element: Element | None) -> str:
    kind, _, rest = key.partition(":")
    if kind == "iac":
        resource_type, _, name = rest.partition(".")
        return f"{resource_type.rpartition(':')[2]} {name.rpartition(':')[2]}"
    if kind == "datastore":
        store_kind, _, name = rest.partition(":")
        return f"{store_kind}: {name}"
    return rest or key if element is None else f"{kind}: {rest}"


def _homes(model: ThreatModel, nodes: set[str]) -> dict[str, str]:
    """Node -> the innermost boundary listing it."""
    parents = {b.key: b.parent for b in model.boundaries}

    def depth(key: str) -> int:
        seen = 0
        while key in parents and seen < 16:
            key, seen = parents[key], seen + 1
        return seen

    homes: dict[str, str] = {}
    for boundary in model.boundaries:
        for member in boundary.members:
            current = homes.get(member)
            if member in nodes and (current is None or depth(boundary.key) > depth(current)):
                homes[member] = boundary.key
    return homes


class _Drawing:
    def __init__(self, model: ThreatModel, nodes: list[str]) -> None:
        self.model = model
        self.index = {e.key: e for e in model.elements()}
        self.ids = {key: f"n{i}" for i, key in enumerate(nodes, start=1)}
        self.homes = _homes(model, set(nodes))
        self.boundaries = {b.key: b for b in model.boundaries}
        self.children: dict[str, list[str]] = defaultdict(list)
        for b in model.boundaries:
            if b.parent in self.boundaries:
                self.children[b.parent].append(b.key)
        self.inside: dict[str, list[str]] = defaultdict(list)
        for key in nodes:
            self.inside[self.homes.get(key, "")].append(key)
        used = set(self.homes.values())
        self.drawn: set[str] = set()
        for home in used:
            key = home
            while key and key not in self.drawn:
                self.drawn.add(key)
                key = self.boundaries[key].parent if key in self.boundaries else ""
        self.sub_ids = {k: f"b{i}" for i, k in enumerate(sorted(self.drawn), start=1)}

    def node(self, key: str) -> str:
        element = self.index.get(key)
        kind = element.kind if element is not None else None
        opening, closing = _SHAPES.get(kind, ("[", "]")) if kind else ("[", "]")
        return f'{self.ids[key]}{opening}"{mermaid_text(_label(key, element))}"{closing}'

    def boundary(self, key: str) -> Iterator[str]:
        b: TrustBoundary = self.boundaries[key]
        kind = b.kind_of.value
        title = mermaid_text(b.name if b.name.startswith(kind) else f"{kind}: {b.name}")
        yield f'subgraph {self.sub_ids[key]}["{title}"]'
        for child in sorted(self.children.get(key, [])):
            if child in self.drawn:
                yield from (_INDENT + line for line in self.boundary(child))
        yield from (_INDENT + self.node(n) for n in self.inside.get(key, []))
        yield "end"

    def body(self) -> Iterator[str]:
        for key in sorted(self.drawn):
            parent = self.boundaries[key].parent
            if parent not in self.drawn:
                yield from self.boundary(key)
        yield from (self.node(n) for n in self.inside.get("", []))


def model_flowchart(model: ThreatModel) -> tuple[str, int]:
    """The diagram source and the number of nodes drawn."""
    edges = _edges(model)
    placed = [m for b in model.boundaries for m in b.members if m.startswith("service:")]
    nodes = list(dict.fromkeys([*(k for s, t, _ in edges for k in (s, t)), *placed]))
    drawing = _Drawing(model, nodes)
    lines = list(drawing.body())
    for (source, target, protocol), flow in edges.items():
        label = mermaid_text(f"{protocol}, {_TLS[flow.encrypted]}")
        lines.append(f'{drawing.ids[source]} -->|"{label}"| {drawing.ids[target]}')
    return "\n".join(["flowchart LR", *(_INDENT + line for line in lines)]), len(nodes)


def render_model_diagram(model: ThreatModel, *, node_cap: int = DEFAULT_NODE_CAP) -> str:
    """Markdown: a ```mermaid block of the model's flows, or a sentence saying why not."""
    source, count = model_flowchart(model)
    if count == 0:
        return "_No data flow to draw._"
    if count > node_cap:
        return f"_diagram omitted: {count} elements; see the threat table._"
    return fenced_code(source, "mermaid")
