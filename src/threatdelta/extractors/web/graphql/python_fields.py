"""What one Python resolver is, and how a field's declared type reads: `graphene.List(User)`,
`list[User]`, `relay.ConnectionField(...)`, `Optional[List[User]]`."""

from __future__ import annotations

import ast
import dataclasses
from dataclasses import dataclass

from threatdelta.extractors.web.graphql.operations import FieldShape, Operation
from threatdelta.extractors.web.python.module_index import ModuleIndex
from threatdelta.extractors.web.python.syntax import FunctionNode, const_str, last_name

_NOT_ARGS = frozenset(
    {
        "description",
        "required",
        "name",
        "deprecation_reason",
        "default_value",
        "resolver",
        "source",
        "permission_classes",
        "graphql_type",
        "extensions",
        "directives",
        "default",
        "default_factory",
    }
)
_WRAPPERS = frozenset({"Optional", "NonNull", "Annotated", "Union", "Required"})
_LISTS = frozenset({"List", "list", "Sequence", "Iterable", "tuple", "Tuple", "set", "Set"})
_SELF_ARGS = frozenset({"self", "cls", "root", "parent", "obj", "_root", "_parent", "_obj", "_"})
_INFO = frozenset({"info", "_info"})


@dataclass(frozen=True)
class PyResolver:
    """A query, mutation or subscription field and the function that resolves it (None when
    the function is imported or the field uses the default resolver)."""

    operation: Operation
    field: str
    anchor: ast.AST  # the field's declaration: decorator, assignment or `set_field` call
    function: FunctionNode | None
    guards: tuple[ast.expr, ...] = ()  # decorators other than the field's own
    permission_classes: tuple[ast.expr, ...] = ()
    shape: FieldShape = dataclasses.field(default_factory=FieldShape)


def type_shape(node: ast.expr | None, args: tuple[str, ...] = ()) -> FieldShape:
    """The shape of an annotation or a Graphene type call."""
    returns_list = False
    connection = False
    for _ in range(8):
        if node is None:
            break
        if isinstance(node, ast.BinOp):  # `list[User] | None`
            node = node.left if not _is_none(node.left) else node.right
            continue
        name = last_name(node.value) if isinstance(node, ast.Subscript) else last_name(node)
        if isinstance(node, ast.Constant):
            return FieldShape(args, returns_list, connection, const_str(node) or "")
        if "Connection" in name:
            connection = True
        if name in _LISTS:
            returns_list = True
        if name in _WRAPPERS or name in _LISTS or name.endswith(("Field", "Connection")):
            inner = _inner(node)
            if inner is None:
                return FieldShape(args, returns_list, connection, "")
            node = inner
            continue
        return FieldShape(args, returns_list, connection, name)
    return FieldShape(args, returns_list, connection, "")


def _inner(node: ast.expr) -> ast.expr | None:
    if isinstance(node, ast.Subscript):
        inner = node.slice
        if isinstance(inner, ast.Tuple):
            rest = [e for e in inner.elts if not _is_none(e)]
            return rest[0] if rest else None
        return inner
    if isinstance(node, ast.Call) and node.args:
        return node.args[0]
    if isinstance(node, ast.Call):
        return (
            node.keywords[0].value if node.keywords and node.keywords[0].arg == "of_type" else None
        )
    return None


def _is_none(node: ast.expr) -> bool:
    return isinstance(node, ast.Constant) and node.value is None


def call_args(call: ast.Call) -> tuple[str, ...]:
    """Argument names a Graphene field declares as keywords (`graphene.List(User, first=...)`,
    `args={...}`)."""
    names = [k.arg for k in call.keywords if k.arg and k.arg not in _NOT_ARGS and k.arg != "args"]
    for keyword in call.keywords:
        if keyword.arg == "args" and isinstance(keyword.value, ast.Dict):
            names += [s for s in (const_str(k) for k in keyword.value.keys) if s]
    return tuple(names)


def function_args(fn: FunctionNode) -> tuple[str, ...]:
    """The client-supplied arguments of a resolver (no self/root/parent/info)."""
    params = [*fn.args.posonlyargs, *fn.args.args, *fn.args.kwonlyargs]
    return tuple(p.arg for p in params if p.arg not in _SELF_ARGS and p.arg not in _INFO)


def type_fields(index: ModuleIndex) -> dict[str, tuple[str, ...]]:
    """Field names of the object types of this module (Strawberry annotations and Graphene
    class attributes), by class name, for a resolver's response fields."""
    out: dict[str, tuple[str, ...]] = {}
    for cls in index.classes.values():
        names: list[str] = []
        for stmt in cls.body:
            if isinstance(stmt, ast.AnnAssign) and isinstance(stmt.target, ast.Name):
                names.append(stmt.target.id)
            elif isinstance(stmt, ast.Assign) and isinstance(stmt.value, ast.Call):
                names += [t.id for t in stmt.targets if isinstance(t, ast.Name)]
            elif isinstance(stmt, ast.ClassDef) and stmt.name == "Meta":
                names += _meta_fields(stmt)
        out[cls.name] = tuple(n for n in names if not n.startswith("_"))
    return out


def _meta_fields(meta: ast.ClassDef) -> list[str]:
    """`class Meta: fields = ("id", "email")` of a DjangoObjectType."""
    for stmt in meta.body:
        if isinstance(stmt, ast.Assign) and any(
            isinstance(t, ast.Name) and t.id == "fields" for t in stmt.targets
        ):
            value = stmt.value
            if isinstance(value, ast.List | ast.Tuple):
                return [s for s in (const_str(e) for e in value.elts) if s]
    return []
