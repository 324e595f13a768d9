"""DRF views the project does not own and that set no `throttle_classes` of their own
(simplejwt's token views) are throttled only by the project's
`REST_FRAMEWORK["DEFAULT_THROTTLE_CLASSES"]`: add it, with an anonymous rate, to the settings
module's literal `REST_FRAMEWORK` dict. DRF's `obtain_auth_token` sets an empty
`throttle_classes`, which the setting never overrides: `rate_limit_drf_token` throttles it.
Also the literal-dict editing the settings patches share."""

from __future__ import annotations

import ast
import re
from collections.abc import Callable, Mapping

from threatdelta.findings.edit import TextEdit
from threatdelta.model.link_defaults import THROTTLES
from threatdelta.remediation.edits import indentation
from threatdelta.remediation.families.handler_source import HandlerSource, is_generated
from threatdelta.remediation.families.python_source import parse


def drf_default_throttle(
    source: HandlerSource, files: Mapping[str, str], rate: str
) -> tuple[TextEdit, ...] | None:
    """The settings edit when the endpoint is a library view the DRF defaults govern."""
    endpoint = source.endpoint
    if THROTTLES not in endpoint.guards or "drf" not in endpoint.sources:
        return None
    owned = rf"^\s*(?:async\s+)?(?:def|class)\s+{re.escape(endpoint.handler_name.split('.')[0])}\b"
    if not endpoint.handler_name or re.search(owned, source.text, re.MULTILINE):
        return None  # a view of the project: throttle the view itself
    found = [
        edit
        for path, text in sorted(files.items())
        if path.endswith(".py") and "REST_FRAMEWORK" in text and not is_generated(text)
        for edit in [_settings_edit(path, text, rate, classes=True)]
        if edit is not None
    ]
    return (found[0],) if len(found) == 1 else None


def anon_rate_edit(files: Mapping[str, str], rate: str) -> TextEdit | None:
    """`DEFAULT_THROTTLE_RATES` with the `anon` rate `AnonRateThrottle` needs, in the one
    settings module with a literal `REST_FRAMEWORK` dict that has no rates yet."""
    found = [
        edit
        for path, text in sorted(files.items())
        if path.endswith(".py") and "REST_FRAMEWORK" in text and not is_generated(text)
        for edit in [_settings_edit(path, text, rate, classes=False)]
        if edit is not None
    ]
    return found[0] if len(found) == 1 else None


def _settings_edit(path: str, text: str, rate: str, *, classes: bool) -> TextEdit | None:
    tree = parse(text)
    node = rest_framework_dict(tree) if tree is not None and "\r" not in text else None
    if node is None:
        return None
    keys = {k.value for k in node.keys if isinstance(k, ast.Constant)}
    if THROTTLES in keys or "DEFAULT_THROTTLE_RATES" in keys or None in node.keys:
        return None

    def entries(q: str) -> tuple[str, ...]:
        return (
            f"{q}{THROTTLES}{q}: [{q}rest_framework.throttling.AnonRateThrottle{q}],",
            f"{q}DEFAULT_THROTTLE_RATES{q}: {{{q}anon{q}: {q}{rate}{q}}},",
        )[0 if classes else 1 :]

    return dict_append(path, text, node, entries)


def rest_framework_dict(tree: ast.Module) -> ast.Dict | None:
    """The literal dict a module assigns to `REST_FRAMEWORK`."""
    return next(
        (
            n.value
            for n in tree.body
            if isinstance(n, ast.Assign)
            and any(isinstance(t, ast.Name) and t.id == "REST_FRAMEWORK" for t in n.targets)
            and isinstance(n.value, ast.Dict)
        ),
        None,
    )


def dict_append(
    path: str, text: str, node: ast.Dict, entries: Callable[[str], tuple[str, ...]]
) -> TextEdit | None:
    """Entries appended, one a line, to a literal dict written one key a line with its
    closing brace alone on the last line (`}` or `},`); `entries` gets the quote the dict's
    keys use."""
    if not node.keys or node.end_lineno is None:
        return None
    lines = text.split("\n")
    closing = lines[node.end_lineno - 1]
    first_key = node.keys[0]
    if closing.strip() not in ("}", "},") or first_key is None or first_key.lineno == node.lineno:
        return None
    indent = indentation(lines[first_key.lineno - 1])
    quote = "'" if lines[first_key.lineno - 1].strip().startswith("'") else '"'
    last = lines[node.end_lineno - 2].rstrip()
    added = tuple(indent + entry for entry in entries(quote))
    if last.endswith(","):
        return TextEdit(path=path, start=node.end_lineno, end=node.end_lineno - 1, lines=added)
    return TextEdit(
        path=path, start=node.end_lineno - 1, end=node.end_lineno - 1, lines=(last + ",", *added)
    )
