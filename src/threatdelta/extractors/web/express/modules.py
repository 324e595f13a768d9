"""How a module binds names from other modules (`import`, `require`) and which of its own
names it exports (`module.exports`, `exports.x`, `export`)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from tree_sitter import Node

from threatdelta.extractors.web.express.syntax import (
    FUNCTION_TYPES,
    chain,
    identifier,
    object_pairs,
    string_value,
)
from threatdelta.extractors.web.express.syntax import field as child

if TYPE_CHECKING:
    from threatdelta.extractors.web.express.bindings import ModuleIndex


@dataclass(frozen=True, slots=True)
class Import:
    """A name bound by `import` or `require`: the module specifier and the imported name
    (`default` for a default import or a whole CommonJS module, `*` for a namespace)."""

    spec: str
    name: str


def bind_pattern(index: ModuleIndex, target: Node, spec: str) -> None:
    name = identifier(target)
    if name is not None:
        index.imports.setdefault(name, Import(spec, "default"))
        return
    if target.type != "object_pattern":
        return
    for part in target.named_children:
        if part.type == "shorthand_property_identifier_pattern":
            local = (part.text or b"").decode()
            index.imports.setdefault(local, Import(spec, local))
        elif part.type == "pair_pattern":
            key = part.child_by_field_name("key")
            local_name = identifier(part.child_by_field_name("value"))
            if key is not None and local_name is not None:
                index.imports.setdefault(local_name, Import(spec, (key.text or b"").decode()))


def record_import(index: ModuleIndex, node: Node) -> None:
    if any(c.type == "type" for c in node.children):
        return  # `import type`: no runtime binding
    source = string_value(node.child_by_field_name("source"))
    for clause in node.named_children:
        if clause.type == "import_require_clause":
            spec = string_value(clause.child_by_field_name("source"))
            name = identifier(clause.named_children[0]) if clause.named_children else None
            if spec is not None and name is not None:
                index.imports.setdefault(name, Import(spec, "default"))
        if clause.type != "import_clause" or source is None:
            continue
        for part in clause.named_children:
            _import_part(index, part, source)


def _import_part(index: ModuleIndex, part: Node, source: str) -> None:
    if part.type == "identifier":
        index.imports.setdefault((part.text or b"").decode(), Import(source, "default"))
    elif part.type == "namespace_import":
        name = identifier(part.named_children[0]) if part.named_children else None
        if name is not None:
            index.imports.setdefault(name, Import(source, "*"))
    elif part.type == "named_imports":
        for spec in part.named_children:
            if spec.type != "import_specifier":
                continue
            imported = spec.child_by_field_name("name")
            alias = spec.child_by_field_name("alias") or imported
            if imported is not None and alias is not None:
                local = (alias.text or b"").decode()
                index.imports.setdefault(local, Import(source, (imported.text or b"").decode()))


def mark_export(index: ModuleIndex, local: str, name: str) -> None:
    """Remember how a local name is exported; a default export wins over a named one."""
    if local not in index.exports or name == "default":
        index.exports[local] = name


def record_assignment_export(index: ModuleIndex, node: Node) -> None:
    left = chain(node.child_by_field_name("left"))
    right = child(node, "right")
    if right is None:
        return
    if right.type in FUNCTION_TYPES and left[:2] in (("module", "exports"), ("exports",)):
        exported = "default" if left == ("module", "exports") else left[-1]
        index.exported_functions.append((right, exported))
    if left == ("module", "exports"):
        name = identifier(right)
        if name is not None:
            mark_export(index, name, "default")
        for key, value in object_pairs(right).items():
            local = identifier(value)
            if local is not None:
                mark_export(index, local, key)
    elif (len(left) == 3 and left[:2] == ("module", "exports")) or (
        len(left) == 2 and left[0] == "exports"
    ):
        local = identifier(right)
        if local is not None:
            mark_export(index, local, left[-1])


def record_export(index: ModuleIndex, node: Node) -> None:
    declaration = node.child_by_field_name("declaration")
    value = child(node, "value")
    if value is not None and value.type in FUNCTION_TYPES:
        index.exported_functions.append((value, "default"))
    if declaration is not None and declaration.type in FUNCTION_TYPES:
        name = identifier(declaration.child_by_field_name("name"))
        if name is not None:
            index.exported_functions.append((declaration, name))
        return
    if declaration is not None:
        for declarator in declaration.named_children:
            if declarator.type == "variable_declarator":
                name = identifier(declarator.child_by_field_name("name"))
                if name is not None:
                    mark_export(index, name, name)
        return
    bare = [c for c in node.named_children if c.type == "identifier"]
    target = identifier(value) or (identifier(bare[0]) if bare else None)
    if target is not None:
        mark_export(index, target, "default")
    for clause in node.named_children:
        if clause.type != "export_clause":
            continue
        for spec in clause.named_children:
            local = spec.child_by_field_name("name")
            alias = spec.child_by_field_name("alias") or local
            if local is not None and alias is not None:
                mark_export(index, (local.text or b"").decode(), (alias.text or b"").decode())
