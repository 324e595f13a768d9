"""Which data stores a controller's handlers reach: calls on a field whose type is a
repository (`accountRepository.findById(id)`), and entity class literals given to a call
(`entityManager.find(Account.class, id)`). The linker keeps the names that are stores."""

from __future__ import annotations

import re

from tree_sitter import Node

from threatdelta.extractors.web.spring.controllers import controller_classes
from threatdelta.extractors.web.spring.jpa import Imports
from threatdelta.extractors.web.spring.mappings import mapping_of
from threatdelta.extractors.web.spring.syntax import (
    Code,
    annotations_of,
    last_name,
    receiver,
    text,
    walk_body,
)
from threatdelta.model.base import Evidence
from threatdelta.model.fragment import StoreAccess, SymbolRef

_STORE_TYPE = re.compile(r"(Repository|Repo|Dao|Store)$")


def controller_store_accesses(code: Code, root: Node, imports: Imports) -> list[StoreAccess]:
    out: list[StoreAccess] = []
    for cls, _ in controller_classes(root):
        fields = _store_fields(cls)
        body = cls.child_by_field_name("body")
        for method in body.named_children if body is not None else []:
            if method.type == "method_declaration" and mapping_of(annotations_of(method)):
                out += _accesses(code, method, fields, imports)
    return out


def _store_fields(cls: Node) -> dict[str, str]:
    """Field (and constructor parameter) names whose type looks like a repository."""
    found: dict[str, str] = {}
    body = cls.child_by_field_name("body")
    for member in body.named_children if body is not None else []:
        if member.type == "field_declaration":
            kind = last_name(member.child_by_field_name("type"))
            for declarator in member.children_by_field_name("declarator"):
                found[text(declarator.child_by_field_name("name"))] = kind
        elif member.type == "constructor_declaration":
            params = member.child_by_field_name("parameters")
            for param in params.named_children if params is not None else []:
                kind = last_name(param.child_by_field_name("type"))
                found.setdefault(text(param.child_by_field_name("name")), kind)
    return {name: kind for name, kind in found.items() if _STORE_TYPE.search(kind)}


def _accesses(
    code: Code, method: Node, fields: dict[str, str], imports: Imports
) -> list[StoreAccess]:
    where = code.location(method)
    out: dict[str, StoreAccess] = {}
    for node in walk_body(method):
        name = ""
        if node.type == "method_invocation":
            target = receiver(node)
            if target is not None and target.type in ("identifier", "field_access"):
                name = fields.get(last_name(target), "")
        elif node.type == "class_literal" and node.named_children:
            name = last_name(node.named_children[0])
        if name and name not in out:
            out[name] = StoreAccess(
                handler=where,
                symbol=SymbolRef(module=imports.module(name), name=name),
                evidence=(Evidence(location=code.location(node)),),
            )
    return list(out.values())
