"""Rate limiting for a token view that DRF or a JWT package ships, routed in a URLconf.

DRF's `ObtainAuthToken` declares `throttle_classes = ()`: `REST_FRAMEWORK`'s
`DEFAULT_THROTTLE_CLASSES` never reach `obtain_auth_token`, and adding them would throttle
every other view and still not this one. The route gets a project subclass (or the subclass
the URLconf already declares and routes gets the attributes):

    class ThrottledObtainAuthToken(ObtainAuthToken):
        throttle_classes = [ScopedRateThrottle]
        throttle_scope = "login"

`ScopedRateThrottle` keys clients by user id or address and reads its rate from
`DEFAULT_THROTTLE_RATES["login"]`, which the patch adds to the one settings module with a
literal `REST_FRAMEWORK` dict (unless the scope has a rate already); no other view uses the
scope, so nothing else changes and the patch is safe. simplejwt's views, which the default
throttles do reach, get it too when no `DEFAULT_THROTTLE_CLASSES` can be added to the
settings (`drf_default_throttle` is tried first). No patch without such a settings
module (the throttle would fail on its first request without a rate), when
`DEFAULT_THROTTLE_RATES` is not a literal dict, or when the declared subclass sets its own
throttles."""

from __future__ import annotations

import ast
from collections.abc import Mapping

from threatdelta.findings.edit import TextEdit
from threatdelta.remediation.families.drf_token_view import (
    Wanted,
    class_attributes,
    combined,
    routed_subclass,
    subclass_edits,
    token_route,
)
from threatdelta.remediation.families.handler_source import HandlerSource
from threatdelta.remediation.families.python_source import (
    body_insertion,
    import_insertion,
    module_names,
    parse,
)
from threatdelta.remediation.families.rate_limit_drf_settings import (
    dict_append,
    rest_framework_dict,
)
from threatdelta.remediation.families.source_file import is_generated

SCOPE = "login"
_RATES = "DEFAULT_THROTTLE_RATES"
_IMPORT = "from rest_framework.throttling import ScopedRateThrottle"
_OWN = frozenset({"throttle_classes", "throttle_scope", "get_throttles"})


def drf_token_throttle(
    source: HandlerSource, tree: ast.Module, files: Mapping[str, str], rate: str
) -> tuple[tuple[TextEdit, ...], str] | None:
    """The edits that throttle a library token view (and the control, for the summary)."""
    endpoint = source.endpoint
    rates = scope_rate_edits(files, rate)
    if rates is None:
        return None
    wanted: Wanted = []
    if "ScopedRateThrottle" not in module_names(tree):
        wanted.append(import_insertion(tree, _IMPORT))
    q = "'" if source.text.count("'") > source.text.count('"') else '"'
    declared = routed_subclass(tree, endpoint)
    edits: tuple[TextEdit, ...] = ()
    if declared is not None:
        cls, view = declared
        place = body_insertion(source, cls) if not class_attributes(cls) & _OWN else None
        if place is None:
            return None
        line, indent = place
        wanted.append((line, (*_attributes(indent, q), "")))
    else:
        route = token_route(tree, endpoint, source.start)
        found = None
        if route is not None:
            u, view = source.style.indent_unit, route.view
            doc = f"{u}{q * 3}{view} with a per-client limit on attempts.{q * 3}"
            body = (doc, "", *_attributes(u, q))
            found = subclass_edits(source, tree, route, f"Throttled{view}", body)
        if found is None or route is None:
            return None
        wanted, edits = [*wanted, *found[0]], found[1]
    what = f"DRF's ScopedRateThrottle (scope {q}{SCOPE}{q}) on a subclass of {view}"
    return (*combined(source.path, wanted, edits), *rates), what


def _attributes(indent: str, q: str) -> tuple[str, str]:
    return (
        f"{indent}throttle_classes = [ScopedRateThrottle]",
        f"{indent}throttle_scope = {q}{SCOPE}{q}",
    )


def scope_rate_edits(files: Mapping[str, str], rate: str) -> tuple[TextEdit, ...] | None:
    """The `DEFAULT_THROTTLE_RATES` entry of the scope in the one settings module with a
    literal `REST_FRAMEWORK` dict: () when the scope has a rate, None when no edit can add it."""
    found = [
        (path, text, node)
        for path, text in sorted(files.items())
        if path.endswith(".py") and "REST_FRAMEWORK" in text and not is_generated(text)
        for tree in [parse(text)]
        if tree is not None
        for node in [rest_framework_dict(tree)]
        if node is not None
    ]
    if len(found) != 1 or "\r" in found[0][1]:
        return None
    path, text, node = found[0]
    keys = [k.value if isinstance(k, ast.Constant) else None for k in node.keys]
    if None in keys:
        return None  # `**BASE` or a computed key: the rates may be elsewhere
    if _RATES not in keys:
        edit = dict_append(
            path, text, node, lambda q: (f"{q}{_RATES}{q}: {{{q}{SCOPE}{q}: {q}{rate}{q}}},",)
        )
        return (edit,) if edit else None
    rates = node.values[keys.index(_RATES)]
    if not isinstance(rates, ast.Dict):
        return None
    if SCOPE in [k.value for k in rates.keys if isinstance(k, ast.Constant)]:
        return ()
    return _rates_entry(path, text, rates, rate)


def _rates_entry(path: str, text: str, rates: ast.Dict, rate: str) -> tuple[TextEdit, ...] | None:
    """The scope's entry added to the literal rates dict: on its line when the dict fits on
    one (`{"anon": "20/minute"}`), else a line of its own."""
    if rates.lineno != rates.end_lineno:
        edit = dict_append(path, text, rates, lambda q: (f"{q}{SCOPE}{q}: {q}{rate}{q},",))
        return (edit,) if edit else None
    line = text.split("\n")[rates.lineno - 1]
    encoded = line.encode()
    close = (rates.end_col_offset or 0) - 1
    if encoded[close : close + 1] != b"}":
        return None
    q = "'" if "'" in encoded[rates.col_offset : close].decode() else '"'
    entry = f"{q}{SCOPE}{q}: {q}{rate}{q}"
    inside = encoded[rates.col_offset + 1 : close].decode().rstrip()
    sep = "" if not inside else (" " if inside.endswith(",") else ", ")
    before = encoded[: rates.col_offset + 1 + len(inside.encode())].decode()
    new = before + sep + entry + encoded[close:].decode()
    return (TextEdit(path=path, start=rates.lineno, end=rates.lineno, lines=(new,)),)
