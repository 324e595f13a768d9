"""One OpenAPI operation -> one `Endpoint`.

The path is the template as written, after the 2.0 `basePath`. For 3.x the path of the
server URLs is not prepended: web frameworks declare their routes without it (the server
URL usually names where the app is mounted by a proxy), so the operation lines up with the
handler found in code. Evidence is the operation, from its method key to its last line
(role `spec`), then the document-wide `security` requirement and the security scheme
definitions it relies on. Parameters come from the path item and the operation (the
operation wins); a 2.0 `in: body` parameter contributes its schema's top-level fields and
`in: formData` parameters their names, as `body` parameters and request fields. A 3.x
`requestBody` contributes request fields only.
"""

from __future__ import annotations

from dataclasses import dataclass

from threatdelta.extractors.openapi.refs import RefResolver, ref_of
from threatdelta.extractors.openapi.schemas import SchemaShape, shape_of
from threatdelta.extractors.openapi.security import SchemeInfo, effective_auth
from threatdelta.extractors.openapi.transport import plain_http_v2, plain_http_v3
from threatdelta.extractors.openapi.tree import Span, YamlMap, YamlValue
from threatdelta.model.base import Evidence, EvidenceRole, Location, Tri
from threatdelta.model.data_classes import classify_all
from threatdelta.model.elements import Endpoint, Parameter, ParamLocation, normalize_path

_PLACES = {p.value: p for p in ParamLocation}
_PAGINATION = frozenset(
    {"limit", "page", "perpage", "pagesize", "offset", "cursor", "size", "pagetoken", "pagenumber"}
)
_RATE_LIMIT_PREFIXES = ("x-ratelimit", "x-rate-limit")


@dataclass(frozen=True, slots=True)
class SpecContext:
    """What every operation of one document needs."""

    path: str
    service: str
    root: YamlMap
    refs: RefResolver
    swagger2: bool
    base_path: str
    schemes: dict[str, SchemeInfo]


@dataclass(frozen=True, slots=True)
class Operation:
    template: str
    method: str
    item: YamlMap  # the path item
    body: YamlMap  # the operation object
    span: Span  # its method key through its last line


@dataclass(frozen=True, slots=True)
class _Request:
    fields: tuple[str, ...] = ()
    schema: Tri = Tri.UNKNOWN
    body_params: tuple[Parameter, ...] = ()


def operation_endpoint(ctx: SpecContext, op: Operation) -> tuple[Endpoint, tuple[str, ...]]:
    """The endpoint, and the names of security schemes it uses that nobody defines."""
    auth = effective_auth(op.body, ctx.root, ctx.schemes)
    raw_params = _parameters(ctx, op)
    params = tuple(p for raw in raw_params if (p := _parameter(raw)) is not None)
    request = _request_v2(ctx, raw_params) if ctx.swagger2 else _request_v3(ctx, op.body)
    response_fields, collection = _responses(ctx, op.body)
    request_fields = request.fields
    endpoint = Endpoint(
        method=op.method.upper(),
        path=normalize_path(ctx.base_path + "/" + op.template),
        service=ctx.service,
        operation_id=op.body.text("operationId") or "",
        sources=("openapi",),
        evidence=_evidence(ctx.path, op.span, auth.spans),
        authentication=auth.authentication,
        auth_schemes=auth.schemes,
        rate_limited=Tri.YES if _rate_limit_extension(op, ctx.root) else Tri.UNKNOWN,
        plain_http=plain_http_v2(op.body, ctx.root)
        if ctx.swagger2
        else plain_http_v3(op.body, op.item, ctx.root),
        parameters=params + request.body_params,
        request_fields=request_fields,
        response_fields=response_fields,
        request_schema=request.schema,
        request_data=classify_all(request_fields),
        response_data=classify_all(response_fields),
        paginated=Tri.YES if any(_is_pagination(p) for p in params) else Tri.NO,
        returns_collection=collection,
    )
    return endpoint, auth.undefined


def _evidence(path: str, span: Span, extra: tuple[Span, ...]) -> tuple[Evidence, ...]:
    spans = [span] + [s for s in extra if not (span[0] <= s[0] and s[1] <= span[1])]
    return tuple(
        Evidence(
            location=Location(path=path, start_line=s[0], end_line=s[1]), role=EvidenceRole.SPEC
        )
        for s in dict.fromkeys(spans)
    )


def _parameters(ctx: SpecContext, op: Operation) -> list[YamlMap]:
    merged: dict[tuple[str, str], YamlMap] = {}
    for owner in (op.item, op.body):
        for raw in owner.seq("parameters") or ():
            param = ctx.refs.resolve_map(raw)
            name = param.text("name") if param is not None else None
            place = param.text("in") if param is not None else None
            if param is not None and name is not None and place is not None:
                merged[(name, place)] = param
    return list(merged.values())


def _parameter(raw: YamlMap) -> Parameter | None:
    name, place = raw.text("name") or "", raw.text("in") or ""
    location = ParamLocation.BODY if place == "formData" else _PLACES.get(place)
    if location is None or place == "body":
        return None
    return Parameter(
        name=name,
        location=location,
        required=raw.get("required") is True,
        data_classes=classify_all([name]),
    )


def _is_pagination(param: Parameter) -> bool:
    normal = param.name.lower().replace("_", "").replace("-", "")
    return param.location is ParamLocation.QUERY and normal in _PAGINATION


def _request_v2(ctx: SpecContext, raw_params: list[YamlMap]) -> _Request:
    form = tuple(p.text("name") or "" for p in raw_params if p.text("in") == "formData")
    body = next((p for p in raw_params if p.text("in") == "body"), None)
    if body is None:
        return _Request(fields=form, schema=Tri.YES if form else Tri.UNKNOWN)
    shape = shape_of(body.get("schema"), ctx.refs)
    fields = tuple(dict.fromkeys(form + shape.fields))
    params = tuple(
        Parameter(
            name=name,
            location=ParamLocation.BODY,
            required=name in shape.required,
            data_classes=classify_all([name]),
        )
        for name in shape.fields
    )
    return _Request(fields, _schema_verdict(ctx, body.get("schema"), shape), params)


def _request_v3(ctx: SpecContext, operation: YamlMap) -> _Request:
    if "requestBody" not in operation:
        return _Request()
    body = ctx.refs.resolve_map(operation.get("requestBody"))
    if body is None:  # a reference that leaves the document
        return _Request()
    media = _pick_media(body.map("content"))
    if media is None or media.get("schema") is None:
        return _Request(schema=Tri.NO)
    shape = shape_of(media.get("schema"), ctx.refs)
    return _Request(shape.fields, _schema_verdict(ctx, media.get("schema"), shape))


def _schema_verdict(ctx: SpecContext, schema: YamlValue, shape: SchemaShape) -> Tri:
    if ref_of(schema) is not None and ctx.refs.resolve(schema) is None:
        return Tri.UNKNOWN  # defined outside this document
    return Tri.YES if shape.constrained else Tri.NO


def _pick_media(content: YamlMap | None) -> YamlMap | None:
    """The JSON media type of a content map, else its first one."""
    if not content:
        return None
    names = [name for name in content if isinstance(content.get(name), YamlMap)]
    chosen = next((n for n in names if "json" in n.lower()), names[0] if names else None)
    return content.map(chosen) if chosen is not None else None


def _responses(ctx: SpecContext, operation: YamlMap) -> tuple[tuple[str, ...], Tri]:
    """Fields of the 2xx response schemas, and whether one of them is a collection."""
    responses = operation.map("responses")
    shapes: list[SchemaShape] = []
    for code in responses or ():
        if not code.startswith("2") or responses is None:
            continue
        response = ctx.refs.resolve_map(responses.get(code))
        if response is None:
            continue
        media = response if ctx.swagger2 else _pick_media(response.map("content"))
        schema = media.get("schema") if media is not None else None
        if schema is not None:
            shapes.append(shape_of(schema, ctx.refs))
    if not shapes:
        return (), Tri.UNKNOWN
    fields = tuple(dict.fromkeys(f for shape in shapes for f in shape.fields))
    return fields, Tri.YES if any(s.is_collection for s in shapes) else Tri.NO


def _rate_limit_extension(op: Operation, root: YamlMap) -> bool:
    return any(
        key.lower().startswith(_RATE_LIMIT_PREFIXES)
        for owner in (op.body, op.item, root)
        for key in owner
    )
