"""How risky an element is (which the analyst looks at first) and its neighbourhood as one
line per flow and boundary, both read from the model's facts only."""

from __future__ import annotations

from threatdelta.model.base import Tri
from threatdelta.model.elements import (
    DataFlow,
    DataStore,
    Element,
    Endpoint,
    ExternalEntity,
    ExternalKind,
    TrustBoundary,
)
from threatdelta.model.threat_model import ThreatModel

# weights: an unauthenticated state change on sensitive data across a boundary comes first
UNAUTHENTICATED = 8
AUTHENTICATION_UNKNOWN = 4
STATE_CHANGING = 4
SENSITIVE_DATA = 3
CROSSES_BOUNDARY = 3
UNENCRYPTED = 2
FROM_INPUT = 1
MAX_NEIGHBOURS = 12


def _endpoint_priority(endpoint: Endpoint, model: ThreatModel) -> int:
    score = 0
    if endpoint.authentication is Tri.NO:
        score += UNAUTHENTICATED
    elif endpoint.authentication is Tri.UNKNOWN:
        score += AUTHENTICATION_UNKNOWN
    if endpoint.state_changing:
        score += STATE_CHANGING
    data = set(endpoint.request_data) | set(endpoint.response_data)
    data |= {c for p in endpoint.parameters for c in p.data_classes}
    flows = [f for f in model.flows if endpoint.key in (f.source, f.target)]
    data |= {c for f in flows for c in f.data_classes}
    if data:
        score += SENSITIVE_DATA
    if any(f.crosses for f in flows):
        score += CROSSES_BOUNDARY
    if any(fact.from_input is Tri.YES for fact in endpoint.facts):
        score += FROM_INPUT
    return score


def _flow_priority(flow: DataFlow) -> int:
    score = CROSSES_BOUNDARY if flow.crosses else 0
    if flow.data_classes:
        score += SENSITIVE_DATA
    if flow.encrypted is Tri.NO:
        score += UNENCRYPTED
    if flow.authenticated is Tri.NO:
        score += UNAUTHENTICATED // 2
    return score


def risk_priority(element: Element, model: ThreatModel) -> int:
    """Higher is riskier: unauthenticated, state-changing, sensitive data, crossing a trust
    boundary, unencrypted."""
    if isinstance(element, Endpoint):
        return _endpoint_priority(element, model)
    if isinstance(element, DataFlow):
        return _flow_priority(element)
    if isinstance(element, DataStore):
        inbound = [f for f in model.flows if f.target == element.key]
        return (SENSITIVE_DATA if element.data_classes else 0) + (
            CROSSES_BOUNDARY if any(f.crosses for f in inbound) else 0
        )
    if isinstance(element, ExternalEntity):
        return CROSSES_BOUNDARY + (1 if element.kind_of is ExternalKind.INTERNET else 0)
    return 0


def _flow_line(flow: DataFlow) -> str:
    parts = [
        f"{flow.key}",
        f"encrypted={flow.encrypted.value}",
        f"authenticated={flow.authenticated.value}",
    ]
    if flow.data_classes:
        parts.append("data=" + ",".join(c.value for c in flow.data_classes))
    if flow.crosses:
        parts.append("crosses=" + ",".join(flow.crosses))
    return " ".join(parts)


def _boundary_line(boundary: TrustBoundary) -> str:
    parent = f" inside {boundary.parent}" if boundary.parent else ""
    return f"{boundary.key} ({boundary.kind_of.value}{parent}, {len(boundary.members)} members)"


def _related_keys(element: Element, model: ThreatModel) -> set[str]:
    keys = {element.key}
    if isinstance(element, DataFlow):
        keys |= {element.source, element.target}
    if isinstance(element, Endpoint):
        keys.add(f"service:{element.service}")
    return keys


def neighbours(element: Element, model: ThreatModel) -> tuple[str, ...]:
    """One line per flow into or out of the element (for a flow: its two ends) and per trust
    boundary holding it or crossed by it, at most `MAX_NEIGHBOURS`."""
    keys = _related_keys(element, model)
    lines: list[str] = []
    if isinstance(element, DataFlow):
        for end in (element.source, element.target):
            found = model.element(end)
            lines.append(f"{end} ({found.kind.value})" if found else f"{end} (not in the model)")
    for flow in model.flows:
        if flow.key != element.key and ({flow.source, flow.target} & {element.key}):
            lines.append(_flow_line(flow))
    crossed = set(element.crosses) if isinstance(element, DataFlow) else set()
    for boundary in model.boundaries:
        if boundary.key in crossed or keys & set(boundary.members):
            lines.append(_boundary_line(boundary))
    return tuple(dict.fromkeys(lines))[:MAX_NEIGHBOURS]
