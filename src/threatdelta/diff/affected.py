"""Which elements a change affects: compare the models of base and head element by element,
ignoring where things are (a move is not a change), then add dependents."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from threatdelta.diff.delta import AffectedElement, ChangeKind
from threatdelta.model.elements import Element, Endpoint
from threatdelta.model.threat_model import ThreatModel

_POSITIONAL = frozenset({"location", "handler", "evidence"})
_MAX_DETAILS = 4


def _strip(value: object) -> object:
    if isinstance(value, dict):
        return {k: _strip(v) for k, v in value.items() if k not in _POSITIONAL}
    if isinstance(value, list):
        return [_strip(v) for v in value]
    return value


def signature(element: Element) -> dict[str, object]:
    """What an element is, without where it is."""
    stripped = _strip(element.model_dump(mode="json"))
    assert isinstance(stripped, dict)
    return stripped


def _fact_names(facts: object) -> set[str]:
    if not isinstance(facts, list):
        return set()
    return {f"{f['kind']} ({f['name']})" for f in facts if isinstance(f, dict)}


def _attribute_values(attributes: object) -> dict[str, object]:
    if not isinstance(attributes, list):
        return {}
    return {a["name"]: a.get("value") for a in attributes if isinstance(a, dict) and "name" in a}


def _attribute_changes(before: object, after: object) -> list[str]:
    """`acl public-read -> private`-style details for IaC attributes that differ."""
    old, new = _attribute_values(before), _attribute_values(after)
    details = []
    for name in sorted(old.keys() | new.keys()):
        if old.get(name) != new.get(name):
            was, now = str(old.get(name, "-")), str(new.get(name, "-"))
            short = len(was) + len(now) < 60
            details.append(f"{name} {was} -> {now}" if short else f"{name} changed")
    return details


def describe_difference(base: Element, head: Element) -> str:
    """One sentence naming what changed between two versions of an element."""
    old, new = signature(base), signature(head)
    details: list[str] = []
    for field in new.keys() | old.keys():
        before, after = old.get(field), new.get(field)
        if before == after:
            continue
        if field == "attributes":
            details += _attribute_changes(before, after)
        elif field == "facts":
            added, gone = (
                _fact_names(after) - _fact_names(before),
                _fact_names(before) - _fact_names(after),
            )
            details += [f"now {a}" for a in sorted(added)] + [
                f"no longer {g}" for g in sorted(gone)
            ]
        elif isinstance(before, str) and isinstance(after, str) and len(before + after) < 40:
            details.append(f"{field} {before or '-'} -> {after or '-'}")
        else:
            details.append(f"{field} changed")
    shown = sorted(details)[:_MAX_DETAILS]
    more = f" and {len(details) - _MAX_DETAILS} more" if len(details) > _MAX_DETAILS else ""
    return "; ".join(shown) + more


def compare_models(base: ThreatModel, head: ThreatModel) -> list[AffectedElement]:
    """Added, removed and modified elements, in head order then removed ones."""
    before = {e.key: e for e in base.elements()}
    after = {e.key: e for e in head.elements()}
    out: list[AffectedElement] = []
    for key, element in after.items():
        old = before.get(key)
        if old is None:
            out.append(_affected(element, ChangeKind.ADDED, f"new {element.kind.value}"))
        elif old != element and signature(old) != signature(element):  # equal: cheap
            out.append(_affected(element, ChangeKind.MODIFIED, describe_difference(old, element)))
    for key, element in before.items():
        if key not in after:
            out.append(_affected(element, ChangeKind.REMOVED, f"{element.kind.value} removed"))
    return out


def dependents(
    head: ThreatModel,
    changed_names: Iterable[str],
    changed_keys: Mapping[str, AffectedElement],
) -> list[AffectedElement]:
    """Unchanged endpoints that rely on something the change edited: a guard, decorator,
    middleware or dependency (by name), or a data store they write to or read from."""
    names = set(changed_names)
    out: list[AffectedElement] = []
    stores = {k for k, a in changed_keys.items() if k.startswith("datastore:")}
    flows_into = {
        (f.source, f.target) for f in head.flows if f.target in stores or f.source in stores
    }
    for ep in head.endpoints:
        if ep.key in changed_keys:
            continue
        reason = _dependency(ep, names, flows_into)
        if reason:
            out.append(_affected(ep, ChangeKind.DEPENDENT, reason))
    return out


def _dependency(ep: Endpoint, names: set[str], flows: set[tuple[str, str]]) -> str:
    guards = sorted({n for n in (*ep.guards, *ep.auth_schemes) if n in names})
    if guards:
        return f"its guard {', '.join(guards)} changed"
    stores = sorted({t if s == ep.key else s for s, t in flows if ep.key in (s, t)})
    if stores:
        return f"it uses {', '.join(stores)}, which changed"
    return ""


def _affected(element: Element, change: ChangeKind, reason: str) -> AffectedElement:
    return AffectedElement(
        key=element.key,
        kind=element.kind,
        change=change,
        reason=reason,
        evidence=element.evidence,
    )
