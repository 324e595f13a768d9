"""Spring Data stores in Java: `@Entity` classes (tables and columns), `@Document` classes
(MongoDB collections), repository interfaces over them, and the names a handler uses to
reach them (repository fields, `X.class` literals)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from tree_sitter import Node

from threatdelta.extractors.web.spring.syntax import (
    Annotation,
    Code,
    annotations_of,
    last_name,
    string_value,
    text,
    walk,
)
from threatdelta.model.base import Evidence
from threatdelta.model.data_classes import classify_all
from threatdelta.model.elements import DataStore
from threatdelta.model.fragment import StoreSymbol, SymbolRef
from threatdelta.model.link import module_of
from threatdelta.model.link_spring_stores import ENTITY_REF

REPOSITORIES = {
    "JpaRepository": "sql",
    "CrudRepository": "",
    "ListCrudRepository": "",
    "PagingAndSortingRepository": "",
    "ListPagingAndSortingRepository": "",
    "Repository": "",
    "ReactiveCrudRepository": "",
    "R2dbcRepository": "sql",
    "CoroutineCrudRepository": "",
    "MongoRepository": "mongodb",
    "ReactiveMongoRepository": "mongodb",
}
_SNAKE = re.compile(r"(?<=[a-z0-9])([A-Z])")


@dataclass(frozen=True)
class Imports:
    """How the file names other types: explicit imports, wildcard packages, its package."""

    names: dict[str, str] = field(default_factory=dict)  # simple name -> module candidate
    package: str = ""  # `com/example/bank/web`

    def module(self, name: str) -> str:
        return self.names.get(name) or (f"{self.package}/{name}" if self.package else name)


def read_imports(root: Node) -> Imports:
    names: dict[str, str] = {}
    package = ""
    for node in root.named_children:
        if node.type == "package_declaration" and node.named_children:
            package = text(node.named_children[0]).replace(".", "/")
        elif node.type == "import_declaration" and node.named_children:
            dotted = text(node.named_children[0])
            if "*" not in text(node) and "static" not in text(node).split():
                names[dotted.rsplit(".", 1)[-1]] = dotted.replace(".", "/")
    return Imports(names, package)


def entity_stores(code: Code, root: Node) -> tuple[list[DataStore], list[StoreSymbol]]:
    """One store per `@Entity` / `@Document` class, and the class name standing for it."""
    stores: list[DataStore] = []
    symbols: list[StoreSymbol] = []
    for cls in walk(root):
        if cls.type != "class_declaration":
            continue
        marks = annotations_of(cls)
        store = _store_of(code, cls, marks)
        if store is None:
            continue
        stores.append(store)
        name = text(cls.child_by_field_name("name"))
        symbols.append(
            StoreSymbol(
                symbol=SymbolRef(module=module_of(code.path), name=name), datastore=store.key
            )
        )
    return stores, symbols


def _store_of(code: Code, cls: Node, marks: list[Annotation]) -> DataStore | None:
    names = {a.name: a for a in marks}
    class_name = text(cls.child_by_field_name("name"))
    if "Entity" in names:
        table = string_value((names.get("Table") or names["Entity"]).arg("name"))
        kind, name = "sql", table or snake_case(class_name)
    elif "Document" in names:
        collection = string_value(names["Document"].arg("collection", "value"))
        kind, name = "mongodb", collection or class_name[:1].lower() + class_name[1:]
    else:
        return None
    columns = _columns(cls, snake=kind == "sql")
    return DataStore(
        kind_of=kind,
        name=name,
        evidence=(Evidence(location=code.location(cls)),),
        fields=columns,
        data_classes=classify_all(columns),
    )


def _columns(cls: Node, *, snake: bool) -> tuple[str, ...]:
    body = cls.child_by_field_name("body")
    out: list[str] = []
    for member in body.named_children if body is not None else []:
        if member.type != "field_declaration":
            continue
        marks = {a.name: a for a in annotations_of(member)}
        modifiers = text(next((c for c in member.children if c.type == "modifiers"), None))
        if "Transient" in marks or " static" in f" {modifiers}":
            continue
        column = string_value(marks["Column"].arg("name")) if "Column" in marks else None
        for declarator in member.children_by_field_name("declarator"):
            name = text(declarator.child_by_field_name("name"))
            out.append(column or (snake_case(name) if snake else name))
    return tuple(out)


def snake_case(name: str) -> str:
    """Spring Boot's default physical naming: `AccountEvent` -> `account_event`."""
    return _SNAKE.sub(r"_\1", name).lower()


def repository_symbols(code: Code, root: Node, imports: Imports) -> list[StoreSymbol]:
    """`interface XRepository extends JpaRepository<Entity, ID>`: `XRepository` stands for
    the entity's store (an `entity:` reference the linker resolves)."""
    out: list[StoreSymbol] = []
    for node in walk(root):
        if node.type != "interface_declaration":
            continue
        entity = _repository_entity(node)
        if entity:
            out.append(
                StoreSymbol(
                    symbol=SymbolRef(
                        module=module_of(code.path), name=text(node.child_by_field_name("name"))
                    ),
                    datastore=f"{ENTITY_REF}{imports.module(entity)}#{entity}",
                )
            )
    return out


def _repository_entity(interface: Node) -> str:
    extends = next((c for c in interface.named_children if c.type == "extends_interfaces"), None)
    for generic in walk(extends) if extends is not None else []:
        if generic.type != "generic_type" or not generic.named_children:
            continue
        if last_name(generic.named_children[0]) in REPOSITORIES:
            args = next((c for c in generic.named_children if c.type == "type_arguments"), None)
            if args is not None and args.named_children:
                return last_name(args.named_children[0])
    return ""
