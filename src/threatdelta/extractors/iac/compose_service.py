"""The attributes of one docker-compose service (see `compose.py` for their names)."""

from __future__ import annotations

from threatdelta.extractors.iac.compose_wiring import wiring_attributes
from threatdelta.extractors.openapi.tree import Span, YamlMap, YamlSeq, YamlValue
from threatdelta.model.base import Evidence, Location
from threatdelta.model.elements import IacAttribute

_SCALARS = ("image", "privileged", "network_mode", "user", "pid", "ipc")


def _scalar(value: YamlValue) -> str | None:
    if value is None or isinstance(value, YamlMap | YamlSeq):
        return None
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def _attribute(name: str, value: str, path: str, span: Span) -> IacAttribute:
    location = Location(path=path, start_line=span[0], end_line=span[1])
    return IacAttribute(name=name, value=value, evidence=(Evidence(location=location),))


def _long_form(item: YamlMap, first: str, second: str, mode: str = "") -> str | None:
    """`source:target` of a long-syntax volume, `published:target` of a port."""
    target = _scalar(item.get(second))
    if target is None:
        return None
    parts = [_scalar(item.get(first)) or "", target]
    if mode and item.get(mode) is True:
        parts.append("ro")
    return ":".join(parts) if parts[0] else target


def _items(body: YamlMap, key: str, first: str, second: str, path: str) -> list[IacAttribute]:
    seq = body.seq(key)
    if seq is None:
        return []
    found = []
    for item, span in zip(seq, seq.spans, strict=False):
        value = _long_form(item, first, second, "read_only") if isinstance(item, YamlMap) else None
        if value and isinstance(item, YamlMap) and (host := _scalar(item.get("host_ip"))):
            value = f"[{host}]:{value}" if ":" in host else f"{host}:{value}"
        value = value or _scalar(item)
        if value is not None:
            found.append(_attribute(key, value, path, span))
    return found


def _environment(body: YamlMap, path: str) -> list[IacAttribute]:
    env = body.get("environment")
    found = []
    if isinstance(env, YamlMap):
        for name, value in env.items():
            text = _scalar(value)
            if text is not None:
                found.append(_attribute(f"environment.{name}", text, path, env.span_of(name)))
    elif isinstance(env, YamlSeq):
        for item, span in zip(env, env.spans, strict=False):
            name, equals, text = str(item).partition("=")
            if equals and isinstance(item, str):
                found.append(_attribute(f"environment.{name.strip()}", text, path, span))
    return found


def service_attributes(body: YamlMap, path: str) -> list[IacAttribute]:
    """The service's attributes, in the order of `compose.py`'s list."""
    found = []
    for key in _SCALARS:
        text = _scalar(body.get(key))
        if text is not None:
            found.append(_attribute(key, text, path, body.span_of(key)))
    found += _items(body, "volumes", "source", "target", path)
    found += _items(body, "ports", "published", "target", path)
    return found + _environment(body, path) + wiring_attributes(body, path)
