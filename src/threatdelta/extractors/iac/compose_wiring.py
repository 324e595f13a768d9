"""How a docker-compose service is wired and sized: what it is built from, which services
it depends on, the networks it joins and its resource limits (attribute names in
`compose.py`'s list). The linker (`model/link_flows_compose.py`) reads them."""

from __future__ import annotations

from threatdelta.extractors.openapi.tree import Span, YamlMap, YamlSeq, YamlValue
from threatdelta.model.base import Evidence, Location
from threatdelta.model.elements import IacAttribute

_LIMITS = ("mem_limit", "cpus", "pids_limit")


def _attribute(name: str, value: str, path: str, span: Span) -> IacAttribute:
    location = Location(path=path, start_line=span[0], end_line=span[1])
    return IacAttribute(name=name, value=value, evidence=(Evidence(location=location),))


def _text(value: YamlValue) -> str | None:
    if value is None or isinstance(value, YamlMap | YamlSeq | bool):
        return None
    return str(value)


def _names(body: YamlMap, key: str, path: str) -> list[IacAttribute]:
    """One attribute per name of a list (`[db, cache]`) or mapping (`{db: {...}}`) value."""
    value = body.get(key)
    if isinstance(value, YamlSeq):
        pairs = [(_text(item), span) for item, span in zip(value, value.spans, strict=False)]
    elif isinstance(value, YamlMap):
        pairs = [(str(name), value.span_of(name)) for name in value]
    else:
        return []
    return [_attribute(key, name, path, span) for name, span in pairs if name]


def _build(body: YamlMap, path: str) -> list[IacAttribute]:
    value = body.get("build")
    context = _text(value) if not isinstance(value, YamlMap) else _text(value.get("context"))
    return [_attribute("build", context, path, body.span_of("build"))] if context else []


def _deploy(body: YamlMap, path: str) -> list[IacAttribute]:
    deploy = body.map("deploy")
    if deploy is None:
        return []
    found = []
    replicas = _text(deploy.get("replicas"))
    if replicas is not None:
        found.append(_attribute("deploy.replicas", replicas, path, deploy.span_of("replicas")))
    resources = deploy.map("resources")
    limits = resources.map("limits") if resources is not None else None
    for name, value in (limits or YamlMap()).items():
        text = _text(value)
        if text is not None:
            span = (limits or YamlMap()).span_of(name)
            found.append(_attribute(f"deploy.resources.limits.{name}", text, path, span))
    return found


def _command(body: YamlMap, path: str) -> list[IacAttribute]:
    """`command` as one line: a string as written, a list's items joined by spaces."""
    value = body.get("command")
    if isinstance(value, YamlSeq):
        text = " ".join(t for t in (_text(item) for item in value) if t is not None)
    else:
        text = _text(value) or ""
    return [_attribute("command", text, path, body.span_of("command"))] if text else []


def wiring_attributes(body: YamlMap, path: str) -> list[IacAttribute]:
    """`build` (the context), `depends_on` and `networks` (one per name), `command`,
    `mem_limit`, `cpus`, `pids_limit`, `deploy.replicas`, `deploy.resources.limits.<name>`."""
    found = _build(body, path) + _names(body, "depends_on", path) + _names(body, "networks", path)
    found += _command(body, path)
    for key in _LIMITS:
        text = _text(body.get(key))
        if text is not None:
            found.append(_attribute(key, text, path, body.span_of(key)))
    return found + _deploy(body, path)
