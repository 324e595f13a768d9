"""The fields a DRF serializer of the view's own module exposes: `Meta.fields` as a list,
or `"__all__"` with a `Meta.model` of the same module (its Django fields in order), plus
fields declared on the serializer; `Meta.read_only_fields` and `read_only=True` fields are
not request fields. A serializer or model from another module gives none (unknown)."""

from __future__ import annotations

import ast
from dataclasses import dataclass

from threatdelta.extractors.web.python.module_index import ModuleIndex
from threatdelta.extractors.web.python.syntax import const_str, is_true, kwarg, last_name, str_items


@dataclass(frozen=True)
class SerializerFields:
    request: tuple[str, ...]
    response: tuple[str, ...]


def _meta_value(cls: ast.ClassDef, name: str) -> ast.expr | None:
    for meta in cls.body:
        if isinstance(meta, ast.ClassDef) and meta.name == "Meta":
            for stmt in meta.body:
                if isinstance(stmt, ast.Assign) and any(
                    isinstance(t, ast.Name) and t.id == name for t in stmt.targets
                ):
                    return stmt.value
    return None


def _model_fields(model: ast.expr | None, index: ModuleIndex) -> list[str] | None:
    cls = index.classes.get(last_name(model)) if model is not None else None
    if cls is None:
        return None
    return ["id"] + [
        t.id
        for stmt in cls.body
        if isinstance(stmt, ast.Assign)
        and isinstance(stmt.value, ast.Call)
        and last_name(stmt.value.func).endswith(("Field", "ForeignKey"))
        for t in stmt.targets
        if isinstance(t, ast.Name)
    ]


def _declared(cls: ast.ClassDef) -> tuple[list[str], list[str]]:
    """Fields declared on the serializer, and those of them that are read-only."""
    names: list[str] = []
    read_only: list[str] = []
    for stmt in cls.body:
        if isinstance(stmt, ast.Assign) and isinstance(stmt.value, ast.Call):
            for target in (t for t in stmt.targets if isinstance(t, ast.Name)):
                names.append(target.id)
                if is_true(kwarg(stmt.value, "read_only")):
                    read_only.append(target.id)
    return names, read_only


def serializer_fields(node: ast.expr | None, index: ModuleIndex) -> SerializerFields | None:
    """The fields of `serializer_class = X` when X is a serializer of this module."""
    cls = index.classes.get(last_name(node)) if node is not None else None
    if cls is None or not any("Serializer" in last_name(b) for b in cls.bases):
        return None
    fields_node = _meta_value(cls, "fields")
    listed = str_items(fields_node) if const_str(fields_node) != "__all__" else None
    if const_str(fields_node) == "__all__":
        listed_all = _model_fields(_meta_value(cls, "model"), index)
        if listed_all is None:
            return None
        listed = tuple(listed_all)
    declared, read_only = _declared(cls)
    response = list(dict.fromkeys((*(listed or ()), *declared)))
    if not response:
        return None
    read_only += list(str_items(_meta_value(cls, "read_only_fields")) or ())
    request = [f for f in response if f not in read_only and f != "id"]
    return SerializerFields(request=tuple(request), response=tuple(response))
