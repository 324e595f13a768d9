"""Handler parameters: which are request input (path, query, header, cookie, body), which
are dependencies (auth or not), and the fields of pydantic models used as bodies or
response models when the class is in the same module."""

from __future__ import annotations

import ast
from dataclasses import dataclass, field

from threatdelta.extractors.web.python.dependencies import (
    classify_dependency,
    dependency_call,
    imported_dependency_alias,
)
from threatdelta.extractors.web.python.guard_names import dependency_names, expr_names
from threatdelta.extractors.web.python.guards import Guard, GuardKind
from threatdelta.extractors.web.python.module_index import ModuleIndex
from threatdelta.extractors.web.python.syntax import FunctionNode, dotted, last_name
from threatdelta.model.elements import ParamLocation

_SIMPLE = frozenset({"str", "int", "float", "bool", "UUID", "date", "datetime", "Decimal"})
_NOT_INPUT = frozenset(
    {
        "Request",
        "Response",
        "BackgroundTasks",
        "WebSocket",
        "Session",
        "AsyncSession",
        "HTTPConnection",
    }
)
_PLACES = {
    "Query": ParamLocation.QUERY,
    "Header": ParamLocation.HEADER,
    "Cookie": ParamLocation.COOKIE,
    "Path": ParamLocation.PATH,
    "Body": ParamLocation.BODY,
    "Form": ParamLocation.BODY,
    "File": ParamLocation.BODY,
}
_MODEL_BASES = frozenset({"BaseModel", "SQLModel", "Schema", "RootModel"})


@dataclass
class ParamFacts:
    inputs: list[tuple[str, ParamLocation, bool]] = field(
        default_factory=list
    )  # name, where, required
    tainted: list[str] = field(default_factory=list)
    raw_bodies: list[str] = field(default_factory=list)  # dict / Any bodies
    request_objects: list[str] = field(default_factory=list)
    principals: list[str] = field(default_factory=list)
    guards: list[Guard] = field(default_factory=list)
    guard_names: list[str] = field(default_factory=list)  # the dependencies, by name
    body_fields: list[str] = field(default_factory=list)
    has_model_body: bool = False


def model_fields(name: str, index: ModuleIndex, depth: int = 0) -> list[str] | None:
    """Annotated fields of a pydantic model class of this module (with its local bases)."""
    cls = index.classes.get(name)
    if cls is None or depth > 5:
        return None
    fields: list[str] = []
    is_model = False
    for base in cls.bases:
        base_name = dotted(base) or ""
        inherited = model_fields(base_name, index, depth + 1)
        if inherited is not None:
            fields.extend(inherited)
            is_model = True
        elif base_name.rsplit(".", 1)[-1] in _MODEL_BASES:
            is_model = True
    if not is_model:
        return None
    fields += [
        n.target.id
        for n in cls.body
        if isinstance(n, ast.AnnAssign)
        and isinstance(n.target, ast.Name)
        and not n.target.id.startswith("_")
        and "ClassVar" not in ast.dump(n.annotation)
    ]
    return list(dict.fromkeys(fields))


def model_of(annotation: ast.expr | None) -> tuple[str, bool]:
    """(class name, is a list) of `X`, `list[X]`, `List[X]`, `Optional[X]`, `X | None`."""
    if annotation is None:
        return "", False
    if isinstance(annotation, ast.Subscript):
        outer = last_name(annotation.value)
        inner = (
            annotation.slice.elts[0]
            if isinstance(annotation.slice, ast.Tuple)
            else annotation.slice
        )
        name, _ = model_of(inner)
        return name, outer in ("list", "List", "Sequence", "Iterable", "set", "Set")
    if isinstance(annotation, ast.BinOp):  # X | None
        return model_of(annotation.left)
    return dotted(annotation) or "", False


def fastapi_params(
    fn: FunctionNode, path_params: tuple[str, ...], index: ModuleIndex
) -> ParamFacts:
    facts = ParamFacts()
    args = [*fn.args.posonlyargs, *fn.args.args, *fn.args.kwonlyargs]
    defaults = [None] * (len(fn.args.posonlyargs) + len(fn.args.args) - len(fn.args.defaults))
    all_defaults: list[ast.expr | None] = [*defaults, *fn.args.defaults, *fn.args.kw_defaults]
    for param, default in zip(args, all_defaults, strict=True):
        if param.arg in ("self", "cls"):
            continue
        _one_param(param, default, path_params, index, facts)
    return facts


def _one_param(
    param: ast.arg,
    default: ast.expr | None,
    path_params: tuple[str, ...],
    index: ModuleIndex,
    facts: ParamFacts,
) -> None:
    name, annotation = param.arg, param.annotation
    form = dotted(_unwrap(annotation) or ast.Constant(None)) or ""
    if form.endswith("Form"):  # OAuth2PasswordRequestForm = Depends(): the login form
        facts.tainted.append(name)
        facts.inputs.append((name, ParamLocation.BODY, True))
        if form.endswith("OAuth2PasswordRequestForm"):
            facts.body_fields.extend(("username", "password"))
        return
    dep = dependency_call(default, index) or dependency_call(annotation, index)
    guard = (
        classify_dependency(dep, index, annotation)
        if dep is not None
        else imported_dependency_alias(annotation, index)
    )
    if guard is not None:
        facts.guards.append(guard)
        facts.guard_names.extend(
            dependency_names(dep, index, annotation)
            if dep is not None
            else expr_names(annotation or ast.Constant(None), index)
        )
        if guard.kind in (GuardKind.AUTH, GuardKind.PERMISSION):
            facts.principals.append(name)
        return
    _input_param(param, default, path_params, index, facts)


def _input_param(
    param: ast.arg,
    default: ast.expr | None,
    path_params: tuple[str, ...],
    index: ModuleIndex,
    facts: ParamFacts,
) -> None:
    """A parameter FastAPI fills from the request: where from, and whether required."""
    name, annotation = param.arg, param.annotation
    type_name, _ = model_of(_unwrap(annotation))
    short = type_name.rsplit(".", 1)[-1]
    if short in _NOT_INPUT:
        if short == "Request":
            facts.request_objects.append(name)
        return
    facts.tainted.append(name)
    place_call = default if isinstance(default, ast.Call) else None
    place = _PLACES.get(last_name(place_call.func)) if place_call is not None else None
    required = default is None or (
        place_call is not None
        and bool(place_call.args)
        and isinstance(place_call.args[0], ast.Constant)
        and place_call.args[0].value is Ellipsis
    )
    fields = model_fields(type_name, index)
    if name in path_params:
        place = ParamLocation.PATH
    elif fields is not None:
        facts.body_fields.extend(fields)
        facts.has_model_body = True
        place = ParamLocation.BODY
    elif place is None:
        simple = short in _SIMPLE or annotation is None
        place = ParamLocation.QUERY if simple else ParamLocation.BODY
    if place is ParamLocation.BODY and short in ("dict", "Dict", "Any"):
        facts.raw_bodies.append(name)
    facts.inputs.append((name, place, required or place is ParamLocation.PATH))


def _unwrap(annotation: ast.expr | None) -> ast.expr | None:
    """`Annotated[X, ...]` -> X."""
    if (
        isinstance(annotation, ast.Subscript)
        and last_name(annotation.value) == "Annotated"
        and isinstance(annotation.slice, ast.Tuple)
        and annotation.slice.elts
    ):
        return annotation.slice.elts[0]
    return annotation
