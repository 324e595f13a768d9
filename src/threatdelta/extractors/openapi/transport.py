"""Is an API documented as served over plain HTTP?

OpenAPI 3.x: the `servers` of the operation, else of its path item, else of the document;
server variables take their default. OpenAPI 2.0: the `schemes` of the operation, else of
the document, with `host`. Servers on localhost (or 127.0.0.1, 0.0.0.0, ::1) are
development servers and do not count. YES when every other server is `http://`; NO when
one is `https://`; UNKNOWN when there are none, or only relative or templated URLs.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from threatdelta.extractors.openapi.tree import YamlMap
from threatdelta.model.base import Tri

_LOCAL_HOSTS = frozenset({"localhost", "127.0.0.1", "0.0.0.0", "::1"})  # noqa: S104
_VARIABLE = re.compile(r"\{([^{}]+)\}")


def plain_http_v3(*owners: YamlMap) -> Tri:
    """From the first of `owners` (operation, path item, document) that lists servers."""
    for owner in owners:
        servers = owner.seq("servers")
        if servers:
            return _verdict([_url(server) for server in servers.maps()])
    return Tri.UNKNOWN


def plain_http_v2(operation: YamlMap | None, root: YamlMap) -> Tri:
    schemes = operation.seq("schemes") if operation is not None else None
    schemes = schemes if schemes else root.seq("schemes")
    if not schemes:
        return Tri.UNKNOWN
    host = root.text("host") or "host.invalid"  # no host: the host serving the document
    return _verdict([f"{scheme}://{host}" for scheme in schemes if isinstance(scheme, str)])


def servers_line_owner(root: YamlMap) -> str:
    """The document key that says how the API is reached, for evidence."""
    for key in ("servers", "schemes", "host", "info"):
        if key in root:
            return key
    return ""


def _url(server: YamlMap) -> str:
    url = server.text("url") or ""
    variables = server.map("variables")
    if variables is None:
        return url
    return _VARIABLE.sub(lambda m: _default(variables, m.group(1), m.group(0)), url)


def _default(variables: YamlMap, name: str, unchanged: str) -> str:
    variable = variables.map(name)
    value = variable.text("default") if variable is not None else None
    return value if value is not None else unchanged


def _verdict(urls: list[str]) -> Tri:
    kinds = {_kind(url) for url in urls} - {"local"}
    if "https" in kinds:
        return Tri.NO
    if kinds == {"http"}:
        return Tri.YES
    return Tri.UNKNOWN


def _kind(url: str) -> str:
    try:
        parts = urlsplit(url.strip())
        host = (parts.hostname or "").lower()
    except ValueError:
        return "unknown"
    scheme = parts.scheme.lower()
    if scheme not in ("http", "https") or not host or "{" in url:
        return "unknown"
    if host in _LOCAL_HOSTS:
        return "local"
    return scheme
