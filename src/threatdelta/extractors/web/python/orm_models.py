"""ORM model classes and table objects as SQL data stores (`datastore:sql:<table>`).

- SQLAlchemy declarative classes: Flask-SQLAlchemy `db.Model`, subclasses of a `Base` /
  `DeclarativeBase`, SQLModel classes with `table=True`. Table: `__tablename__`, else the
  Flask-SQLAlchemy snake_case of the class name (SQLModel: the lower-cased name). A
  subclass of a model of this module without its own `__tablename__` shares its table.
- Django `models.Model` subclasses: `Meta.db_table`, else `<app label>_<lower name>`, the
  app label being `Meta.app_label` or the folder that holds `models.py` / `models/`.
- `Table("name", metadata, Column("id", ...))` / `db.Table(...)` at module level.

A class counts when an ORM base is among its bases and it declares a table name or at least
one column (`Column`, `mapped_column`, a `Mapped[...]` annotation, a Django field); abstract
classes (`__abstract__ = True`, `Meta.abstract = True`) lend their columns to subclasses.
"""

from __future__ import annotations

import ast
import re
from dataclasses import dataclass, field
from enum import StrEnum

from threatdelta.extractors.web.python.module_index import ModuleIndex
from threatdelta.extractors.web.python.store_decls import DeclaredStores, definition_evidence
from threatdelta.extractors.web.python.syntax import const_str, dotted, is_true, last_name
from threatdelta.model.data_classes import classify_all
from threatdelta.model.elements import DataStore

_NOT_ORM = frozenset({"pydantic", "tensorflow", "keras", "torch", "sklearn", "transformers"})
_DJANGO_MODELS = ("django.db.models.", "django.contrib.gis.db.models.")
_DJANGO_RELATIONS = frozenset({"ForeignKey", "OneToOneField"})
_SNAKE = re.compile(r"((?<=[a-z0-9])[A-Z]|(?!^)[A-Z](?=[a-z]))")


class Flavour(StrEnum):
    SQLALCHEMY = "sqlalchemy"
    SQLMODEL = "sqlmodel"
    DJANGO = "django"


@dataclass
class _ClassBody:
    """What a class body says about its table."""

    columns: list[str] = field(default_factory=list)
    tablename: str | None = None
    abstract: bool = False
    app_label: str | None = None
    django_fields: bool = False


def _column_call(value: ast.expr | None, index: ModuleIndex, body: _ClassBody) -> bool:
    if not isinstance(value, ast.Call):
        return False
    name = last_name(value.func)
    if name in ("Column", "mapped_column"):
        return True
    qualified = index.imports.qualify(value.func)
    if qualified.startswith(_DJANGO_MODELS):
        is_field = name in _DJANGO_RELATIONS or (
            name.endswith("Field") and name != "ManyToManyField"
        )
        body.django_fields = body.django_fields or is_field
        return is_field
    return name == "Field" and qualified.startswith("sqlmodel")


def _mapped(annotation: ast.expr) -> bool:
    """`Mapped[str]` (SQLAlchemy 2.0 annotation-only columns)."""
    return isinstance(annotation, ast.Subscript) and last_name(annotation.value) == "Mapped"


def _meta(node: ast.ClassDef, body: _ClassBody) -> None:
    for stmt in node.body:
        if not isinstance(stmt, ast.Assign) or not isinstance(stmt.targets[0], ast.Name):
            continue
        name = stmt.targets[0].id
        if name == "db_table":
            body.tablename = const_str(stmt.value) or body.tablename
        elif name == "abstract":
            body.abstract = is_true(stmt.value)
        elif name == "app_label":
            body.app_label = const_str(stmt.value)


def _read_body(cls: ast.ClassDef, index: ModuleIndex, annotated_fields: bool) -> _ClassBody:
    """Columns and table options; `annotated_fields`: every annotation is a column (SQLModel)."""
    body = _ClassBody()
    for stmt in cls.body:
        if isinstance(stmt, ast.ClassDef) and stmt.name == "Meta":
            _meta(stmt, body)
        elif isinstance(stmt, ast.Assign):
            for target in stmt.targets:
                if not isinstance(target, ast.Name):
                    continue
                if target.id == "__tablename__":
                    body.tablename = const_str(stmt.value)
                elif target.id == "__abstract__":
                    body.abstract = is_true(stmt.value)
                elif _column_call(stmt.value, index, body):
                    body.columns.append(target.id)
        elif isinstance(stmt, ast.AnnAssign) and isinstance(stmt.target, ast.Name):
            relation = isinstance(stmt.value, ast.Call) and last_name(stmt.value).startswith(
                ("relationship", "Relationship")
            )
            if not relation and (
                _column_call(stmt.value, index, body)
                or _mapped(stmt.annotation)
                or (annotated_fields and not stmt.target.id.startswith("_"))
            ):
                body.columns.append(stmt.target.id)
    return body


def _orm_base(cls: ast.ClassDef, index: ModuleIndex, local: dict[str, _Table]) -> str:
    """'' when no base looks like an ORM base; else the local model it extends, or '*'."""
    for base in cls.bases:
        name = dotted(base) or ""
        if name in local:
            return name
        qualified = index.imports.qualify(base)
        if qualified.split(".")[0] in _NOT_ORM:
            continue
        last = qualified.rsplit(".", 1)[-1]
        if last.endswith(("Model", "Base")) or last == "SQLModel":
            return "*"
    return ""


def _is_sqlmodel(cls: ast.ClassDef, index: ModuleIndex, parent: _Table | None) -> bool:
    if parent is not None:
        return parent.flavour is Flavour.SQLMODEL
    return any(index.imports.qualify(b).rsplit(".", 1)[-1] == "SQLModel" for b in cls.bases)


def _flavour(
    cls: ast.ClassDef, index: ModuleIndex, body: _ClassBody, parent: _Table | None
) -> Flavour:
    if parent is not None:
        return parent.flavour
    qualified = [index.imports.qualify(b) for b in cls.bases]
    if body.django_fields or any(q.startswith(_DJANGO_MODELS) for q in qualified):
        return Flavour.DJANGO
    return Flavour.SQLALCHEMY


def _django_label(path: str) -> str:
    folders = path.split("/")[:-1]
    if folders and folders[-1] == "models":
        folders = folders[:-1]
    return folders[-1] if folders else ""


def _table_name(cls: ast.ClassDef, flavour: Flavour, body: _ClassBody, path: str) -> str:
    if body.tablename:
        return body.tablename
    if flavour is Flavour.DJANGO:
        label = body.app_label or _django_label(path)
        return f"{label}_{cls.name.lower()}" if label else cls.name.lower()
    if flavour is Flavour.SQLMODEL:
        return cls.name.lower()
    return _SNAKE.sub(r"_\1", cls.name).lower()


@dataclass(frozen=True)
class _Table:
    name: str  # "" for an abstract class
    columns: tuple[str, ...]
    flavour: Flavour


def _model_class(
    cls: ast.ClassDef, index: ModuleIndex, local: dict[str, _Table], path: str
) -> _Table | None:
    base = _orm_base(cls, index, local)
    if not base:
        return None
    parent = local.get(base)
    table_kw = is_true(_class_kwarg(cls, "table"))
    sqlmodel = table_kw or _is_sqlmodel(cls, index, parent)
    body = _read_body(cls, index, sqlmodel)
    flavour = Flavour.SQLMODEL if sqlmodel else _flavour(cls, index, body, parent)
    columns = (*(parent.columns if parent else ()), *body.columns)
    if body.abstract or (sqlmodel and not table_kw):
        return _Table("", columns, flavour)  # maps no table; lends its columns to subclasses
    if parent and parent.name and not body.tablename and flavour is not Flavour.DJANGO:
        return _Table(parent.name, tuple(body.columns), flavour)  # single-table inheritance
    if not (body.tablename or body.columns or parent):
        return None
    return _Table(_table_name(cls, flavour, body, path), columns, flavour)


def _class_kwarg(cls: ast.ClassDef, name: str) -> ast.expr | None:
    return next((k.value for k in cls.keywords if k.arg == name), None)


def _sql_store(name: str, columns: tuple[str, ...], node: ast.stmt, path: str) -> DataStore:
    return DataStore(
        kind_of="sql",
        name=name,
        evidence=definition_evidence(path, node),
        data_classes=classify_all(columns),
        fields=tuple(dict.fromkeys(columns)),
    )


def model_classes(
    classes: list[ast.ClassDef], index: ModuleIndex, path: str, out: DeclaredStores
) -> None:
    """Every ORM model class of the module, in source order, as a store and a symbol."""
    local: dict[str, _Table] = {}
    for cls in sorted(classes, key=lambda c: c.lineno):
        table = _model_class(cls, index, local, path)
        if table is None:
            continue
        local[cls.name] = table
        if table.name:
            out.add(_sql_store(table.name, table.columns, cls, path), cls.name)


def table_objects(tree: ast.Module, index: ModuleIndex, path: str, out: DeclaredStores) -> None:
    """`patients = Table("patients", metadata, Column("id", Integer), ...)`, `db.Table(...)`:
    a name, then the metadata or columns (a one-argument `Table("x")` is another library's)."""
    for stmt in tree.body:
        if not isinstance(stmt, ast.Assign) or not isinstance(stmt.value, ast.Call):
            continue
        call = stmt.value
        if last_name(call.func) != "Table" or len(call.args) < 2:
            continue
        table = const_str(call.args[0])
        qualified = index.imports.qualify(call.func)
        if table is None or not (
            qualified.startswith("sqlalchemy") or isinstance(call.func, ast.Attribute)
        ):
            continue
        columns = [
            const_str(a.args[0]) or ""
            for a in call.args
            if isinstance(a, ast.Call) and last_name(a.func) == "Column" and a.args
        ]
        names = [t.id for t in stmt.targets if isinstance(t, ast.Name)]
        out.add(_sql_store(table, tuple(c for c in columns if c), stmt, path), *names)
