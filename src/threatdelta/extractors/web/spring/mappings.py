"""Spring request-mapping annotations to HTTP methods and path templates."""

from __future__ import annotations

import re
from dataclasses import dataclass

from tree_sitter import Node

from threatdelta.extractors.web.spring.syntax import Annotation, last_name, strings_of
from threatdelta.model.elements import Endpoint, normalize_path
from threatdelta.model.fragment import RoutedEndpoint

# `@GetMapping` and friends name their method; `@RequestMapping` takes `method =`
SHORTCUTS = {
    "GetMapping": "GET",
    "PostMapping": "POST",
    "PutMapping": "PUT",
    "DeleteMapping": "DELETE",
    "PatchMapping": "PATCH",
}
REQUEST_MAPPING = "RequestMapping"
# a method-level `@RequestMapping` without `method =` answers every method: reported as
# GET and POST (a read and a state change), the two that matter to the rules
UNQUALIFIED_METHODS = ("GET", "POST")
CONTROLLERS = frozenset({"RestController", "Controller"})
_REGEX_PARAM = re.compile(r"\{([^}:/]+):[^}]*\}")


@dataclass(frozen=True)
class Mapping:
    methods: tuple[str, ...]
    paths: tuple[str, ...]
    annotation: Node


def is_mapping(annotation: Annotation) -> bool:
    return annotation.name in SHORTCUTS or annotation.name == REQUEST_MAPPING


def paths_of(annotation: Annotation) -> tuple[str, ...]:
    """`value` / `path` strings (an array gives several); `("",)` when none is written."""
    found = strings_of(annotation.arg("value", "path"))
    return tuple(_REGEX_PARAM.sub(r"{\1}", p) for p in found) or ("",)


def methods_of(annotation: Annotation, default: tuple[str, ...]) -> tuple[str, ...]:
    if annotation.name in SHORTCUTS:
        return (SHORTCUTS[annotation.name],)
    node = annotation.arg("method")
    if node is None:
        return default
    arrays = ("element_value_array_initializer", "collection_literal")
    items = node.named_children if node.type in arrays else [node]
    names = tuple(last_name(item).upper() for item in items)
    return tuple(n for n in names if n) or default


def mapping_of(annotations: list[Annotation]) -> Mapping | None:
    """The request mapping of a handler method, if it has one."""
    for annotation in annotations:
        if is_mapping(annotation):
            return Mapping(
                methods=methods_of(annotation, UNQUALIFIED_METHODS),
                paths=paths_of(annotation),
                annotation=annotation.node,
            )
    return None


def class_prefixes(annotations: list[Annotation]) -> tuple[str, ...]:
    """The paths of a class-level `@RequestMapping`, `("",)` without one."""
    for annotation in annotations:
        if annotation.name == REQUEST_MAPPING:
            return paths_of(annotation)
    return ("",)


def is_controller(annotations: list[Annotation]) -> bool:
    return any(a.name in CONTROLLERS for a in annotations)


def expand(base: Endpoint, mapping: Mapping, prefixes: tuple[str, ...]) -> list[RoutedEndpoint]:
    """One endpoint per class prefix, method path and HTTP method of a handler."""
    return [
        RoutedEndpoint(
            endpoint=base.model_copy(
                update={"method": verb, "path": normalize_path(prefix + "/" + path)}
            )
        )
        for prefix in prefixes
        for path in mapping.paths
        for verb in mapping.methods
    ]
