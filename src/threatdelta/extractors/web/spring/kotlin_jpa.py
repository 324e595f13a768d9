"""Spring Data stores written in Kotlin: `@Entity` / `@Document` classes (properties of the
primary constructor and the body), repository interfaces (`interface X :
JpaRepository<E, ID>`), and the repositories a controller's handlers call."""

from __future__ import annotations

import re

from tree_sitter import Node

from threatdelta.extractors.web.spring.jpa import REPOSITORIES, Imports, snake_case
from threatdelta.extractors.web.spring.kotlin_security import call_name
from threatdelta.extractors.web.spring.kotlin_syntax import kotlin_annotations
from threatdelta.extractors.web.spring.mappings import is_controller, mapping_of
from threatdelta.extractors.web.spring.syntax import Code, string_value, text, walk
from threatdelta.model.base import Evidence
from threatdelta.model.data_classes import classify_all
from threatdelta.model.elements import DataStore
from threatdelta.model.fragment import StoreAccess, StoreSymbol, SymbolRef
from threatdelta.model.link import module_of
from threatdelta.model.link_spring_stores import ENTITY_REF

_STORE_TYPE = re.compile(r"(Repository|Repo|Dao|Store)$")


def kotlin_imports(root: Node) -> Imports:
    names: dict[str, str] = {}
    package = ""
    for node in root.named_children:
        ident = next((c for c in node.named_children if c.type == "qualified_identifier"), None)
        if ident is None:
            continue
        parts = [text(c) for c in ident.named_children]
        if node.type == "package_header":
            package = "/".join(parts)
        elif node.type == "import" and parts and "*" not in text(node) and " as " not in text(node):
            names[parts[-1]] = "/".join(parts)
    return Imports(names, package)


def kotlin_stores(code: Code, root: Node) -> tuple[list[DataStore], list[StoreSymbol]]:
    """One store per `@Entity` / `@Document` class, and the class name standing for it."""
    stores: list[DataStore] = []
    symbols: list[StoreSymbol] = []
    for cls in (n for n in walk(root) if n.type == "class_declaration"):
        store = _store_of(code, cls)
        if store is not None:
            stores.append(store)
            ref = SymbolRef(module=module_of(code.path), name=text(cls.child_by_field_name("name")))
            symbols.append(StoreSymbol(symbol=ref, datastore=store.key))
    return stores, symbols


def _store_of(code: Code, cls: Node) -> DataStore | None:
    marks = {a.name: a for a in kotlin_annotations(cls)}
    name = text(cls.child_by_field_name("name"))
    if "Entity" in marks:
        table = string_value((marks.get("Table") or marks["Entity"]).arg("name"))
        kind, store_name = "sql", table or snake_case(name)
    elif "Document" in marks:
        collection = string_value(marks["Document"].arg("collection", "value"))
        kind, store_name = "mongodb", collection or name[:1].lower() + name[1:]
    else:
        return None
    columns = _properties(cls, snake=kind == "sql")
    return DataStore(
        kind_of=kind,
        name=store_name,
        evidence=(Evidence(location=code.location(cls)),),
        fields=columns,
        data_classes=classify_all(columns),
    )


def _properties(cls: Node, *, snake: bool) -> tuple[str, ...]:
    """Constructor and body properties (not `@Transient`), as column names."""
    out: list[str] = []
    for prop in _declared_properties(cls):
        marks = {a.name: a for a in kotlin_annotations(prop)}
        if "Transient" in marks:
            continue
        name = _property_name(prop)
        column = string_value(marks["Column"].arg("name")) if "Column" in marks else None
        out.append(column or (snake_case(name) if snake else name))
    return tuple(out)


def _property_name(prop: Node) -> str:
    """`val id: Long` in a constructor or a body (not an annotation's name)."""
    holder = next((c for c in prop.named_children if c.type == "variable_declaration"), prop)
    return text(next((c for c in holder.named_children if c.type == "identifier"), None))


def _declared_properties(cls: Node) -> list[Node]:
    ctor = next((c for c in cls.named_children if c.type == "primary_constructor"), None)
    params = ctor.named_children[0] if ctor is not None and ctor.named_children else None
    found = [p for p in (params.named_children if params is not None else [])]
    body = next((c for c in cls.named_children if c.type == "class_body"), None)
    found += [m for m in (body.named_children if body is not None else [])]
    return [p for p in found if p.type in ("class_parameter", "property_declaration")]


def kotlin_repository_symbols(code: Code, root: Node, imports: Imports) -> list[StoreSymbol]:
    out: list[StoreSymbol] = []
    for cls in (n for n in walk(root) if n.type == "class_declaration"):
        entity = _repository_entity(cls)
        if entity:
            ref = SymbolRef(module=module_of(code.path), name=text(cls.child_by_field_name("name")))
            out.append(
                StoreSymbol(symbol=ref, datastore=f"{ENTITY_REF}{imports.module(entity)}#{entity}")
            )
    return out


def _repository_entity(cls: Node) -> str:
    specifiers = next((c for c in cls.named_children if c.type == "delegation_specifiers"), None)
    for user_type in walk(specifiers) if specifiers is not None else []:
        if user_type.type != "user_type" or not user_type.named_children:
            continue
        if text(user_type.named_children[0]) not in REPOSITORIES:
            continue
        args = next((c for c in user_type.named_children if c.type == "type_arguments"), None)
        first = next((c for c in walk(args) if c.type == "user_type"), None) if args else None
        if first is not None and first.named_children:
            return text(first.named_children[0])
    return ""


def kotlin_store_accesses(code: Code, root: Node, imports: Imports) -> list[StoreAccess]:
    """Calls in a controller's handlers on a constructor property typed `*Repository`."""
    out: list[StoreAccess] = []
    for cls in (n for n in walk(root) if n.type == "class_declaration"):
        if not is_controller(kotlin_annotations(cls)):
            continue
        fields = _repository_properties(cls)
        body = next((c for c in cls.named_children if c.type == "class_body"), None)
        for fn in body.named_children if body is not None else []:
            if fn.type == "function_declaration" and mapping_of(kotlin_annotations(fn)):
                out += _accesses(code, fn, fields, imports)
    return out


def _repository_properties(cls: Node) -> dict[str, str]:
    found: dict[str, str] = {}
    for prop in _declared_properties(cls):
        holder = next((c for c in prop.named_children if c.type == "variable_declaration"), prop)
        kind = next((c for c in holder.named_children if c.type == "user_type"), None)
        if kind is not None and kind.named_children:
            found[_property_name(prop)] = text(kind.named_children[0])
    return {name: kind for name, kind in found.items() if _STORE_TYPE.search(kind)}


def _accesses(code: Code, fn: Node, fields: dict[str, str], imports: Imports) -> list[StoreAccess]:
    out: dict[str, StoreAccess] = {}
    for call in (n for n in walk(fn) if n.type == "call_expression"):
        callee = call.named_children[0] if call.named_children else None
        if callee is None or callee.type != "navigation_expression" or not call_name(call):
            continue
        target = callee.named_children[0] if callee.named_children else None
        name = fields.get(text(target)) if target is not None else None
        if name and name not in out:
            out[name] = StoreAccess(
                handler=code.location(fn),
                symbol=SymbolRef(module=imports.module(name), name=name),
                evidence=(Evidence(location=code.location(call)),),
            )
    return list(out.values())
