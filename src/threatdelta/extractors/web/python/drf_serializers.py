"""DRF serializers that expose every field of their model: a `ModelSerializer` (or
`HyperlinkedModelSerializer`) whose `Meta.fields` is `"__all__"` gives an
all-fields-serialized fact on the module's service. Its `name` is the key of the data store
the model maps to, computed like `orm_models` does for a Django model without `db_table`
(`datastore:sql:<app label>_<lower-case model name>`, the app label being the folder of the
module the model comes from), so a rule can look up which columns that exposes.
"""

from __future__ import annotations

import ast

from threatdelta.extractors.web.python.context import ScanContext
from threatdelta.extractors.web.python.syntax import const_str, dotted, last_name
from threatdelta.model.base import Tri
from threatdelta.model.facts import FactKind

_SERIALIZERS = frozenset({"ModelSerializer", "HyperlinkedModelSerializer"})


def _meta(cls: ast.ClassDef) -> ast.ClassDef | None:
    return next((n for n in cls.body if isinstance(n, ast.ClassDef) and n.name == "Meta"), None)


def _assigned(meta: ast.ClassDef, name: str) -> ast.Assign | None:
    for stmt in meta.body:
        if isinstance(stmt, ast.Assign) and any(
            isinstance(t, ast.Name) and t.id == name for t in stmt.targets
        ):
            return stmt
    return None


def _store_key(model: ast.expr, ctx: ScanContext) -> str:
    """`from .models import Patient` in `patients/serializers.py` ->
    `datastore:sql:patients_patient` (the folder of the module file the model is in)."""
    qualified = ctx.index.imports.qualify(model) or last_name(model)
    module, _, name = qualified.rpartition(".")
    folders = (module or ctx.index.imports.module.replace("/", ".")).split(".")
    folders = folders if module and folders[-1] == "models" else folders[:-1]
    if folders and folders[-1] == "models":
        folders = folders[:-1]
    label = folders[-1] if folders else ""
    return f"datastore:sql:{label}_{name.lower()}" if label else f"datastore:sql:{name.lower()}"


def serializer_facts(tree: ast.Module, ctx: ScanContext) -> None:
    if not ctx.index.imports.uses("rest_framework"):
        return
    for cls in tree.body:
        if not isinstance(cls, ast.ClassDef):
            continue
        if not any(last_name(b) in _SERIALIZERS for b in cls.bases):
            continue
        meta = _meta(cls)
        fields = _assigned(meta, "fields") if meta else None
        model = _assigned(meta, "model") if meta else None
        if fields is None or model is None or const_str(fields.value) != "__all__":
            continue
        if dotted(model.value) is None:  # a model chosen by a call: which one is unknown
            continue
        ctx.add(
            FactKind.ALL_FIELDS_SERIALIZED,
            fields,
            _store_key(model.value, ctx),
            Tri.NO,
            f"{cls.name} serializes every field of {last_name(model.value)}",
        )
