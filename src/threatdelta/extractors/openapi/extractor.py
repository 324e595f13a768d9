"""The OpenAPI extractor: an OpenAPI 2.0 / 3.0 / 3.1 document in YAML or JSON -> one
`Service` (framework `openapi`) and one `Endpoint` per operation (see `operations`).

A file is claimed when its text declares `openapi: 3...` or `swagger: "2..."` (a regular
expression, no parsing). A claimed file that turns out not to be an OpenAPI document at its
top level gives an empty fragment, silently. A document that parses but breaks the
specification's structure is still extracted as far as it goes, with an `invalid-openapi`
warning. External references are not followed (`external-ref` note); local ones that point
nowhere or loop are reported (`unresolved-ref`). The document is not validated against the
OpenAPI JSON Schema: that costs ten times the parse, on the hot path of every scan.
"""

from __future__ import annotations

import re

from threatdelta.extractors.base import SourceFile
from threatdelta.extractors.openapi.loader import load_structured
from threatdelta.extractors.openapi.operations import Operation, SpecContext, operation_endpoint
from threatdelta.extractors.openapi.refs import RefResolver
from threatdelta.extractors.openapi.security import security_schemes
from threatdelta.extractors.openapi.transport import (
    plain_http_v2,
    plain_http_v3,
    servers_line_owner,
)
from threatdelta.extractors.openapi.tree import YamlMap
from threatdelta.model.base import Evidence, EvidenceRole, Level, Location, Notification
from threatdelta.model.elements import Endpoint, Service, service_name_for
from threatdelta.model.fragment import ModelFragment, RoutedEndpoint

_YAML_DECLARATION = re.compile(
    r"""^["']?(?:openapi["']?[ \t]*:[ \t]*["']?3|swagger["']?[ \t]*:[ \t]*["']?2)""", re.M
)
_JSON_DECLARATION = re.compile(r'"(?:openapi"\s*:\s*"3|swagger"\s*:\s*"2)')
_METHODS = ("get", "put", "post", "delete", "options", "head", "patch", "trace")
_SHOWN = 3


class OpenApiExtractor:
    """OpenAPI documents -> service and endpoints (spec view, no handlers)."""

    @property
    def name(self) -> str:
        return "openapi"

    @property
    def version(self) -> str:
        return "1"

    @property
    def suffixes(self) -> frozenset[str]:
        return frozenset({".yaml", ".yml", ".json"})

    def claims(self, source: SourceFile) -> bool:
        text = source.text
        if source.suffix == ".json" or text.lstrip()[:1] == "{":
            return _JSON_DECLARATION.search(text) is not None
        return _YAML_DECLARATION.search(text) is not None

    def extract(self, source: SourceFile) -> ModelFragment:
        loaded = load_structured(source.text, source.path)
        if isinstance(loaded, Notification):
            return ModelFragment(path=source.path, extractor=self.name, notifications=(loaded,))
        root = loaded.root
        swagger2 = _is_swagger2(root)
        if not isinstance(root, YamlMap) or not (swagger2 or _is_openapi3(root)):
            return ModelFragment(path=source.path, extractor=self.name)
        ctx = _context(source.path, root, swagger2)
        endpoints, notes = _endpoints(ctx)
        notes = [*loaded.notifications, *_structure_notes(ctx), *notes, *_ref_notes(ctx)]
        return ModelFragment(
            path=source.path,
            extractor=self.name,
            services=(_service(ctx),),
            endpoints=tuple(RoutedEndpoint(endpoint=ep) for ep in endpoints),
            notifications=tuple(notes),
        )


def _is_swagger2(root: object) -> bool:
    return isinstance(root, YamlMap) and (root.text("swagger") or "").startswith("2")


def _is_openapi3(root: YamlMap) -> bool:
    return (root.text("openapi") or "").startswith("3")


def _context(path: str, root: YamlMap, swagger2: bool) -> SpecContext:
    refs = RefResolver(root)
    return SpecContext(
        path=path,
        service=service_name_for(path),
        root=root,
        refs=refs,
        swagger2=swagger2,
        base_path=(root.text("basePath") or "") if swagger2 else "",
        schemes=security_schemes(root, refs, swagger2),
    )


def _operations(ctx: SpecContext) -> list[Operation]:
    found: list[Operation] = []
    for template, raw in (ctx.root.map("paths") or YamlMap()).items():
        item = ctx.refs.resolve_map(raw)
        if template.startswith("x-") or item is None:
            continue
        for method in _METHODS:
            body = item.map(method)
            if body is not None:
                found.append(Operation(template, method, item, body, item.span_of(method)))
    return found


def _endpoints(ctx: SpecContext) -> tuple[list[Endpoint], list[Notification]]:
    endpoints: list[Endpoint] = []
    undefined: dict[str, None] = {}
    for operation in _operations(ctx):
        endpoint, missing = operation_endpoint(ctx, operation)
        endpoints.append(endpoint)
        undefined.update(dict.fromkeys(missing))
    notes = []
    if undefined:
        notes.append(
            _note(
                ctx,
                "undefined-security-scheme",
                "security requirements name schemes that are not defined: "
                + _listing(list(undefined)),
            )
        )
    return endpoints, notes


def _service(ctx: SpecContext) -> Service:
    key = servers_line_owner(ctx.root)
    start, end = ctx.root.span_of(key) if key else (1, 1)
    plain = plain_http_v2(None, ctx.root) if ctx.swagger2 else plain_http_v3(ctx.root)
    location = Location(path=ctx.path, start_line=start, end_line=end)
    return Service(
        name=ctx.service,
        framework="openapi",
        evidence=(Evidence(location=location, role=EvidenceRole.SPEC),),
        plain_http=plain,
    )


def _structure_notes(ctx: SpecContext) -> list[Notification]:
    problems: list[str] = []
    root = ctx.root
    if root.map("info") is None:
        problems.append("no 'info' object")
    paths = root.get("paths")
    if paths is None and (ctx.swagger2 or not ("webhooks" in root or "components" in root)):
        problems.append("no 'paths' object")
    elif paths is not None and not isinstance(paths, YamlMap):
        problems.append(f"'paths' is not a mapping (line {root.line_of('paths')})")
    path_map = paths if isinstance(paths, YamlMap) else YamlMap()
    for template, item in path_map.items():
        if template.startswith("x-"):
            continue
        if not isinstance(item, YamlMap):
            where = path_map.line_of(template)
            problems.append(f"path '{template}' is not a mapping (line {where})")
            continue
        problems.extend(
            f"operation '{method} {template}' is not a mapping (line {item.line_of(method)})"
            for method in _METHODS
            if method in item and not isinstance(item.get(method), YamlMap)
        )
    if not problems:
        return []
    message = "not a valid OpenAPI document: " + _listing(problems, quote=False)
    return [_note(ctx, "invalid-openapi", message)]


def _ref_notes(ctx: SpecContext) -> list[Notification]:
    refs = ctx.refs
    notes = []
    if refs.external:
        notes.append(
            _note(
                ctx,
                "external-ref",
                "references to other files are not followed: " + _listing(refs.external),
                Level.NOTE,
            )
        )
    broken = refs.unresolved + refs.cyclic
    if broken:
        notes.append(
            _note(
                ctx, "unresolved-ref", "references that point nowhere or loop: " + _listing(broken)
            )
        )
    return notes


def _listing(items: list[str], quote: bool = True) -> str:
    shown = ", ".join(f"'{item}'" if quote else item for item in items[:_SHOWN])
    more = len(items) - _SHOWN
    return shown + (f" and {more} more" if more > 0 else "")


def _note(ctx: SpecContext, code: str, message: str, level: Level = Level.WARNING) -> Notification:
    return Notification(level=level, code=code, message=message, path=ctx.path)
