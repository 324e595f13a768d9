"""Security schemes and the security requirement in force for an operation.

The operation's `security` replaces the document's; with neither, or with `security: []`,
no authentication is required (NO). An alternative that is the empty requirement `{}`
makes authentication optional, so it is not required either (NO): an anonymous client may
call the operation. Otherwise authentication is required (YES), by the schemes named.

Scheme short names: `bearer` and `basic` (HTTP schemes; other HTTP schemes by their own
name, lower-case), `apiKey:header` / `apiKey:query` / `apiKey:cookie` (where the key
travels), `oauth2`, `openIdConnect`, `mutualTLS`. A name no scheme defines is kept as is
and reported.
"""

from __future__ import annotations

from dataclasses import dataclass

from threatdelta.extractors.openapi.refs import RefResolver
from threatdelta.extractors.openapi.tree import Span, YamlMap, YamlSeq
from threatdelta.model.base import Tri

_API_KEY_PLACES = frozenset({"header", "query", "cookie"})
_TYPE_NAMES = {"oauth2": "oauth2", "openidconnect": "openIdConnect", "mutualtls": "mutualTLS"}


@dataclass(frozen=True, slots=True)
class SchemeInfo:
    short: str
    span: Span  # the scheme's definition in the document


@dataclass(frozen=True, slots=True)
class Auth:
    authentication: Tri
    schemes: tuple[str, ...] = ()
    spans: tuple[Span, ...] = ()  # the requirement and scheme definitions it relies on
    undefined: tuple[str, ...] = ()


def security_schemes(root: YamlMap, refs: RefResolver, swagger2: bool) -> dict[str, SchemeInfo]:
    """Scheme name -> short name and where it is defined."""
    if swagger2:
        definitions = root.map("securityDefinitions")
    else:
        components = root.map("components")
        definitions = components.map("securitySchemes") if components else None
    found: dict[str, SchemeInfo] = {}
    for name in definitions or ():
        scheme = refs.resolve_map(definitions[name]) if definitions else None
        if scheme is not None and definitions is not None:
            found[name] = SchemeInfo(short_name(scheme), definitions.span_of(name))
    return found


def short_name(scheme: YamlMap) -> str:
    kind = (scheme.text("type") or "").strip()
    lowered = kind.lower()
    if lowered == "http":
        return (scheme.text("scheme") or "http").strip().lower()
    if lowered == "basic":  # OpenAPI 2.0
        return "basic"
    if lowered == "apikey":
        place = (scheme.text("in") or "").lower()
        return f"apiKey:{place}" if place in _API_KEY_PLACES else "apiKey"
    return _TYPE_NAMES.get(lowered, kind or "unknown")


def effective_auth(operation: YamlMap, root: YamlMap, schemes: dict[str, SchemeInfo]) -> Auth:
    """The requirement that applies to `operation` and what it means."""
    owner = operation if "security" in operation else root
    if "security" not in owner:
        return Auth(Tri.NO)
    requirement = owner.get("security")
    where = (owner.span_of("security"),)
    if not isinstance(requirement, YamlSeq):
        return Auth(Tri.UNKNOWN, spans=where)
    if not requirement:
        return Auth(Tri.NO, spans=where)
    alternatives = requirement.maps()
    if not alternatives:
        return Auth(Tri.UNKNOWN, spans=where)
    names = [name for alternative in alternatives for name in alternative]
    short = tuple(dict.fromkeys(schemes[n].short if n in schemes else n for n in names))
    spans = where + tuple(dict.fromkeys(schemes[n].span for n in names if n in schemes))
    undefined = tuple(dict.fromkeys(n for n in names if n not in schemes))
    anonymous = any(len(alternative) == 0 for alternative in alternatives)
    return Auth(Tri.NO if anonymous else Tri.YES, short, spans, undefined)
