"""What the names of one JavaScript/TypeScript module stand for: imports and `require`s,
functions and variables defined in the file, string constants and exports. Built from one
walk of the tree, with the calls found on the way in document order."""

from __future__ import annotations

import posixpath
from dataclasses import dataclass, field

from tree_sitter import Node

from threatdelta.extractors.web.express.modules import (
    Import,
    bind_pattern,
    mark_export,
    record_assignment_export,
    record_export,
    record_import,
)
from threatdelta.extractors.web.express.syntax import (
    FUNCTION_TYPES,
    arguments,
    chain,
    identifier,
    string_value,
    strip,
    walk,
)
from threatdelta.extractors.web.express.syntax import field as child

SOURCE_SUFFIXES = (".js", ".mjs", ".cjs", ".jsx", ".ts", ".mts", ".cts", ".tsx")


@dataclass(frozen=True, slots=True)
class Callee:
    """Who a call calls: the name chain as written and, when its root is imported, the
    qualified name (`child_process.exec` for `cp.exec` with `cp = require('child_process')`)."""

    names: tuple[str, ...]
    module: str
    qualified: str

    @property
    def last(self) -> str:
        return self.names[-1] if self.names else ""

    @property
    def display(self) -> str:
        """The qualified name for a package, the chain as written otherwise."""
        if self.module and not self.module.startswith((".", "@/", "~/", "#/")):
            return self.qualified
        return ".".join(self.names)


@dataclass(slots=True)
class ModuleIndex:
    """The bindings of one module and its calls in document order."""

    imports: dict[str, Import] = field(default_factory=dict)
    functions: dict[str, Node] = field(default_factory=dict)
    values: dict[str, Node] = field(default_factory=dict)
    strings: dict[str, str] = field(default_factory=dict)
    exports: dict[str, str] = field(default_factory=dict)
    calls: list[Node] = field(default_factory=list)
    news: list[Node] = field(default_factory=list)
    declarators: list[Node] = field(default_factory=list)
    assignments: list[Node] = field(default_factory=list)
    pairs: list[Node] = field(default_factory=list)
    function_nodes: list[Node] = field(default_factory=list)
    exported_functions: list[tuple[Node, str]] = field(default_factory=list)

    def callee(self, node: Node | None) -> Callee:
        """Resolve the function part of a call (or a middleware expression)."""
        node = strip(node)
        root = _require_root(node)
        if root is not None:
            spec, rest = root
            return Callee(rest, spec, _qualify(spec, "default", rest))
        names = chain(node)
        if not names:
            return Callee((), "", "")
        bound = self.imports.get(names[0])
        if bound is None:
            return Callee(names, "", ".".join(names))
        return Callee(names, bound.spec, _qualify(bound.spec, bound.name, names[1:]))


def _qualify(spec: str, name: str, rest: tuple[str, ...]) -> str:
    base = spec.removeprefix("node:").replace("/", ".")
    parts = [base] if name in ("default", "*") else [base, name]
    return ".".join([*parts, *rest])


def _require_root(node: Node | None) -> tuple[str, tuple[str, ...]] | None:
    """`require('fs').promises.readFile` -> ('fs', ('promises', 'readFile'))."""
    names: list[str] = []
    current = strip(node)
    while current is not None and current.type in ("member_expression", "call_expression"):
        spec = require_spec(current)
        if spec is not None:
            return spec, tuple(reversed(names))
        if current.type == "member_expression":
            prop = current.child_by_field_name("property")
            names.append((prop.text or b"").decode() if prop is not None else "")
            current = child(current, "object")
        else:
            current = child(current, "function")
    return None


def require_spec(node: Node | None) -> str | None:
    """The specifier of `require('x')`, else None."""
    node = strip(node)
    if node is None or node.type != "call_expression":
        return None
    fn = node.child_by_field_name("function")
    if fn is None or fn.type != "identifier" or fn.text != b"require":
        return None
    args = arguments(node)
    return string_value(args[0]) if len(args) == 1 else None


def resolve_module(importer: str, spec: str) -> str | None:
    """Best repo-relative module path (no extension, `index` dropped) for an import written
    in `importer`; None for a package. Aliases like `@/x` and `~/x` give `x` (suffix match)."""
    if spec.startswith("."):
        joined = posixpath.normpath(posixpath.join(posixpath.dirname(importer), spec))
        if joined.startswith(".."):
            return None
        target = "" if joined == "." else joined
    elif spec.startswith(("@/", "~/", "#/")):
        target = spec[2:]
    else:
        return None
    for suffix in SOURCE_SUFFIXES:
        if target.endswith(suffix):
            target = target[: -len(suffix)]
            break
    if target == "index":
        return ""
    return target.removesuffix("/index")


def build_index(root: Node) -> ModuleIndex:
    index = ModuleIndex()
    for node in walk(root):
        kind = node.type
        if kind == "call_expression":
            index.calls.append(node)
        elif kind == "new_expression":
            index.news.append(node)
        elif kind == "variable_declarator":
            index.declarators.append(node)
            _declare(index, node)
        elif kind == "assignment_expression":
            index.assignments.append(node)
            record_assignment_export(index, node)
        elif kind == "pair":
            index.pairs.append(node)
        elif kind in FUNCTION_TYPES:
            index.function_nodes.append(node)
            if kind in ("function_declaration", "generator_function_declaration"):
                name = identifier(node.child_by_field_name("name"))
                if name is not None:
                    index.functions.setdefault(name, node)
        elif kind == "import_statement":
            record_import(index, node)
        elif kind == "export_statement":
            record_export(index, node)
    return index


def _declare(index: ModuleIndex, node: Node) -> None:
    target = node.child_by_field_name("name")
    value = child(node, "value")
    while value is not None and value.type == "assignment_expression":
        # `var app = module.exports = express();`
        name = identifier(target)
        if name is not None and chain(value.child_by_field_name("left")) == ("module", "exports"):
            mark_export(index, name, "default")
        value = child(value, "right")
    if target is None or value is None:
        return
    spec = require_spec(value) or require_spec(child(value, "object"))
    if spec is not None and require_spec(value) is None:
        prop = value.child_by_field_name("property")
        name = identifier(target)
        if name is not None and prop is not None:
            index.imports.setdefault(name, Import(spec, (prop.text or b"").decode()))
        return
    if spec is not None:
        bind_pattern(index, target, spec)
        return
    name = identifier(target)
    if name is None:
        return
    index.values.setdefault(name, value)
    if value.type in FUNCTION_TYPES:
        index.functions.setdefault(name, value)
    text = string_value(value)
    if text is not None:
        index.strings.setdefault(name, text)
