"""The Mermaid diagram of a delta: checked structurally. Every line of the source is one of the
few statement forms we write; node ids are generated and declared once; every label is quoted
and made only of inert characters and entity codes, which decode back to the text; subgraphs
are closed; the client sits outside them; the node cap replaces the diagram with a pointer to
the table."""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field

import pytest
from delta_samples import (
    API,
    HOSTILE_ROUTE,
    HOSTILE_SERVICE,
    delta_report,
    head_model,
    loc,
)
from markdown_it import MarkdownIt

from threatdelta.diff.delta import AffectedElement, ChangeKind
from threatdelta.model import Endpoint, Evidence
from threatdelta.model.base import ElementKind, Tri
from threatdelta.reporters.mermaid import (
    CLIENT_LABEL,
    DEFAULT_NODE_CAP,
    LABEL_MAX,
    flowchart,
    mermaid_text,
    render_mermaid,
)

_LABEL = r'"((?:[A-Za-z0-9 /._,:=+?!()-]|#\d+;)*)"'
_SHAPES = r"\[|\[\[|\[\(|\(\[|\(\(|\{\{"
_NODE = re.compile(rf"^(?P<id>[a-z]\d+)(?P<open>{_SHAPES}){_LABEL}(?P<close>[\]\)\}}]+)$")
_SUBGRAPH = re.compile(rf"^subgraph (?P<id>[sb]\d+)\[{_LABEL}\]$")
_EDGE = re.compile(rf"^(?P<src>[a-z]\d+) (?:-->|==>)(?:\|{_LABEL}\|)? (?P<dst>[a-z]\d+)$")
_CLASSDEF = re.compile(r"^classDef (added|modified|removed|dependent) [a-z:#0-9,\- ]+$")
_CLASS = re.compile(r"^class (?P<ids>[a-z]\d+(?:,[a-z]\d+)*) (?P<cls>[a-z]+)$")
_CLOSERS = {"[": "]", "[[": "]]", "[(": ")]", "([": "])", "((": "))", "{{": "}}"}


@dataclass
class Diagram:
    labels: dict[str, str] = field(default_factory=dict)  # node id -> decoded label
    parent: dict[str, str | None] = field(default_factory=dict)  # node/subgraph id -> subgraph
    subgraph_labels: dict[str, str] = field(default_factory=dict)
    edges: list[tuple[str, str]] = field(default_factory=list)
    classes: dict[str, str] = field(default_factory=dict)


def _decode(label: str) -> str:
    return re.sub(r"#(\d+);", lambda m: chr(int(m.group(1))), label)


def _declare_node(diagram: Diagram, match: re.Match[str], parent: str | None) -> None:
    node_id = match["id"]
    assert node_id not in diagram.labels, f"{node_id} declared twice"
    assert _CLOSERS[match["open"]] == match["close"]
    diagram.labels[node_id] = _decode(match.group(3))
    diagram.parent[node_id] = parent


def parse(source: str) -> Diagram:
    """Every statement must be one we write; fails on anything else."""
    lines = source.split("\n")
    assert lines[0] == "flowchart LR"
    diagram, stack = Diagram(), list[str]()
    for raw in lines[1:]:
        line = raw.strip()
        if line == "end":
            assert stack, "end without subgraph"
            stack.pop()
        elif m := _SUBGRAPH.match(line):
            assert m["id"] not in diagram.subgraph_labels
            diagram.subgraph_labels[m["id"]] = _decode(m.group(2))
            diagram.parent[m["id"]] = stack[-1] if stack else None
            stack.append(m["id"])
        elif m := _NODE.match(line):
            _declare_node(diagram, m, stack[-1] if stack else None)
        elif m := _EDGE.match(line):
            diagram.edges.append((m["src"], m["dst"]))
        elif m := _CLASS.match(line):
            diagram.classes.update(dict.fromkeys(m["ids"].split(","), m["cls"]))
        else:
            assert _CLASSDEF.match(line), f"unexpected statement {line!r}"
    assert not stack, "unclosed subgraph"
    for src, dst in diagram.edges:
        assert src in diagram.labels and dst in diagram.labels
    assert set(diagram.classes) <= set(diagram.labels)
    return diagram


def _id_of(diagram: Diagram, label: str) -> str:
    return next(i for i, text in diagram.labels.items() if text == label)


def test_sample_diagram_is_well_formed_with_generated_ids() -> None:
    source, count = flowchart(delta_report())
    diagram = parse(source)
    assert count == 4  # three affected endpoints and the data store behind POST /users
    assert len(diagram.labels) == count + 1  # and the client
    assert all(re.fullmatch(r"[ncsb]\d+", i) for i in [*diagram.labels, *diagram.subgraph_labels])


def test_hostile_endpoint_label_is_encoded_and_decodes_to_the_route() -> None:
    source, _ = flowchart(delta_report())
    diagram = parse(source)
    label = f"DELETE {HOSTILE_ROUTE} (dependent)"
    node = _id_of(diagram, label)
    for raw in ('"x"', "[y]", "<script>", "`@octocat`", "#1;"):
        assert raw not in source
    assert diagram.parent[node] == next(
        s for s, text in diagram.subgraph_labels.items() if text == f"service: {HOSTILE_SERVICE}"
    )


def test_services_nest_in_their_trust_boundary_with_its_data_store() -> None:
    diagram = parse(flowchart(delta_report())[0])
    by_label = {text: s for s, text in diagram.subgraph_labels.items()}
    boundary, app = by_label["trust boundary: cluster <prod>"], by_label["service: app"]
    assert diagram.parent[app] == boundary
    assert diagram.parent[_id_of(diagram, "POST /users (added)")] == app
    assert diagram.parent[_id_of(diagram, "sql: users")] == boundary
    assert diagram.parent[by_label[f"service: {HOSTILE_SERVICE}"]] is None


def test_client_is_outside_every_subgraph_and_reaches_live_endpoints_only() -> None:
    diagram = parse(flowchart(delta_report())[0])
    client = _id_of(diagram, CLIENT_LABEL)
    assert diagram.parent[client] is None
    reached = {diagram.labels[dst] for src, dst in diagram.edges if src == client}
    assert reached == {"POST /users (added)", f"DELETE {HOSTILE_ROUTE} (dependent)"}


def test_affected_nodes_are_styled_by_change_and_neighbours_are_not() -> None:
    diagram = parse(flowchart(delta_report())[0])
    styled = {diagram.labels[i]: cls for i, cls in diagram.classes.items()}
    assert styled == {
        "POST /users (added)": "added",
        f"DELETE {HOSTILE_ROUTE} (dependent)": "dependent",
        "PUT /legacy (removed)": "removed",
    }
    store = _id_of(diagram, "sql: users")
    assert (_id_of(diagram, "POST /users (added)"), store) in diagram.edges


def test_changed_data_store_draws_the_endpoints_flowing_into_it() -> None:
    store = head_model().datastores[0]
    changed = AffectedElement(
        key=store.key,
        kind=ElementKind.DATASTORE,
        change=ChangeKind.MODIFIED,
        reason="Its table changed.",
    )
    diagram = parse(flowchart(delta_report(affected=(changed,)))[0])
    store_id = _id_of(diagram, "sql: users (modified)")
    sources = {diagram.labels[src] for src, dst in diagram.edges if dst == store_id}
    assert sources == {"POST /users", "GET /users/{user_id}"}
    assert diagram.classes == {store_id: "modified"}


def test_changed_flow_is_a_thick_labelled_edge_between_its_ends() -> None:
    flow = head_model().flows[1]  # service:app -> external mailer
    changed = AffectedElement(
        key=flow.key, kind=ElementKind.FLOW, change=ChangeKind.ADDED, reason="New call."
    )
    source, _ = flowchart(delta_report(affected=(changed,)))
    diagram = parse(source)
    mailer = _id_of(diagram, 'mailer "smtp" <relay>')
    app = _id_of(diagram, "service: app")
    assert (app, mailer) in diagram.edges
    assert re.search(rf'^    {app} ==>\|"smtp \(added\)"\| {mailer}$', source, re.M)


def test_without_a_head_register_the_affected_keys_are_still_drawn() -> None:
    source, count = flowchart(delta_report(head_register=None))
    diagram = parse(source)
    assert count == 3
    assert "POST /users (added)" in diagram.labels.values()
    assert not diagram.subgraph_labels


def _crowded(endpoints: int) -> tuple[AffectedElement, ...]:
    return tuple(
        AffectedElement(
            key=f"endpoint:GET /items/{i}",
            kind=ElementKind.ENDPOINT,
            change=ChangeKind.ADDED,
            reason="New endpoint.",
            evidence=(Evidence(location=loc(API, i + 1)),),
        )
        for i in range(endpoints)
    )


def _with_endpoints(count: int) -> dict[str, object]:
    model = head_model()
    extra = tuple(Endpoint(method="GET", path=f"/items/{i}", service="app") for i in range(count))
    register = delta_report().head_register
    assert register is not None
    new_model = model.model_copy(update={"endpoints": (*model.endpoints, *extra), "flows": ()})
    return {
        "affected": _crowded(count),
        "head_register": register.model_copy(update={"model": new_model}),
    }


def test_node_cap_omits_the_diagram_and_points_to_the_table() -> None:
    report = delta_report(**_with_endpoints(DEFAULT_NODE_CAP + 1))
    text = render_mermaid(report)
    assert text == f"_diagram omitted: {DEFAULT_NODE_CAP + 1} elements; see the table._"
    assert "```" not in text


def test_diagram_at_the_cap_is_still_drawn() -> None:
    report = delta_report(**_with_endpoints(DEFAULT_NODE_CAP))
    block = render_mermaid(report)
    assert block.startswith("```mermaid\n")
    diagram = parse(block.removeprefix("```mermaid\n").removesuffix("\n```"))
    assert len(diagram.labels) == DEFAULT_NODE_CAP + 1


def test_lower_cap_is_honoured() -> None:
    assert render_mermaid(delta_report(), node_cap=3).startswith("_diagram omitted: 4 elements")


def test_nothing_affected_draws_nothing() -> None:
    assert render_mermaid(delta_report(affected=())) == "_No element to draw._"


def test_block_renders_as_one_mermaid_code_block() -> None:
    block = render_mermaid(delta_report())
    rendered = MarkdownIt("commonmark").render(block + "\n\nafter")
    assert rendered.count('<code class="language-mermaid">') == 1
    code = re.search(r'<code class="language-mermaid">(.*?)</code>', rendered, re.S)
    assert code is not None
    assert html.unescape(code.group(1)).rstrip("\n") == flowchart(delta_report())[0]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('say "hi"', "say #34;hi#34;"),
        ("end", "end"),
        ("subgraph x; end", "subgraph x#59; end"),
        ("a#quot;b", "a#35;quot#59;b"),
        ("<b>`x`</b>", "#60;b#62;#96;x#96;#60;/b#62;"),
        ("[a]{b}|c", "#91;a#93;#123;b#125;#124;c"),
        ("line\nbreak\x1b[2J", "line break #91;2J"),
        ("café ☕", "caf#233; #9749;"),
        ("rtl \u202egnp", "rtl #65533;gnp"),
        ("@octocat %%{init}%%", "#64;octocat #37;#37;#123;init#125;#37;#37;"),
        ("", "(unnamed)"),
    ],
)
def test_mermaid_text_encodes_everything_but_inert_characters(text: str, expected: str) -> None:
    assert mermaid_text(text) == expected


def test_long_labels_are_shortened_before_encoding() -> None:
    encoded = mermaid_text("x" * (LABEL_MAX + 50))
    assert encoded == "x" * (LABEL_MAX - 1) + "#8230;"


def test_a_long_name_is_shortened_but_keeps_its_change() -> None:
    long = AffectedElement(
        key="endpoint:GET /" + "a" * 200,
        kind=ElementKind.ENDPOINT,
        change=ChangeKind.REMOVED,
        reason="Deleted.",
    )
    diagram = parse(flowchart(delta_report(affected=(long,)))[0])
    label = next(text for text in diagram.labels.values() if text.startswith("GET /a"))
    assert label == "GET /" + "a" * (LABEL_MAX - 6) + "\u2026 (removed)"


def test_changed_flow_over_plaintext_says_so_in_its_label() -> None:
    model = head_model()
    plain = model.flows[1].model_copy(update={"encrypted": Tri.NO})
    model = model.model_copy(update={"flows": (model.flows[0], plain, model.flows[2])})
    report = delta_report()
    assert report.head_register is not None
    register = report.head_register.model_copy(update={"model": model})
    changed = AffectedElement(
        key=plain.key, kind=ElementKind.FLOW, change=ChangeKind.MODIFIED, reason="No TLS."
    )
    source, _ = flowchart(delta_report(affected=(changed,), head_register=register))
    assert '"smtp, TLS no (modified)"' in source
