"""What the names of one JavaScript/TypeScript module stand for: imports and `require`s,
functions and variables defined in the file, string constants and exports. Built from one
walk of the tree, with the calls found on the way in document order."""

from __future__ import annotations

import posixpath
from dataclasses import dataclass, field

from tree_sitter import Node

from threatdelta.extractors.web.express.syntax import (
    FUNCTION_TYPES,
    arguments,
    chain,
    identifier,
    object_pairs,
    string_value,
    strip,
    walk,
)
from threatdelta.extractors.web.express.syntax import field as child

SOURCE_SUFFIXES = (".js", ".mjs", ".cjs", ".jsx", ".ts", ".mts", ".cts", ".tsx")


@dataclass(frozen=True, slots=True)
class Import:
    """A name bound by `import` or `require`: the module specifier and the imported name
    (`default` for a default import or a whole CommonJS module, `*` for a namespace)."""

    spec: str
    name: str


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

    def module_of_name(self, name: str) -> str:
        bound = self.imports.get(name)
        return bound.spec if bound is not None else ""

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
            _assign_export(index, node)
        elif kind == "pair":
            index.pairs.append(node)
        elif kind in FUNCTION_TYPES:
            index.function_nodes.append(node)
            if kind in ("function_declaration", "generator_function_declaration"):
                name = identifier(node.child_by_field_name("name"))
                if name is not None:
                    index.functions.setdefault(name, node)
        elif kind == "import_statement":
            _import(index, node)
        elif kind == "export_statement":
            _export(index, node)
    return index


def _declare(index: ModuleIndex, node: Node) -> None:
    target = node.child_by_field_name("name")
    value = child(node, "value")
    while value is not None and value.type == "assignment_expression":
        # `var app = module.exports = express();`
        name = identifier(target)
        if name is not None and chain(value.child_by_field_name("left")) == ("module", "exports"):
            _mark_export(index, name, "default")
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
        _bind_pattern(index, target, spec)
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


def _bind_pattern(index: ModuleIndex, target: Node, spec: str) -> None:
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


def _import(index: ModuleIndex, node: Node) -> None:
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


def _mark_export(index: ModuleIndex, local: str, name: str) -> None:
    """Remember how a local name is exported; a default export wins over a named one."""
    if local not in index.exports or name == "default":
        index.exports[local] = name


def _assign_export(index: ModuleIndex, node: Node) -> None:
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
            _mark_export(index, name, "default")
        for key, value in object_pairs(right).items():
            local = identifier(value)
            if local is not None:
                _mark_export(index, local, key)
    elif (len(left) == 3 and left[:2] == ("module", "exports")) or (
        len(left) == 2 and left[0] == "exports"
    ):
        local = identifier(right)
        if local is not None:
            _mark_export(index, local, left[-1])


def _export(index: ModuleIndex, node: Node) -> None:
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
                    _mark_export(index, name, name)
        return
    bare = [c for c in node.named_children if c.type == "identifier"]
    target = identifier(value) or (identifier(bare[0]) if bare else None)
    if target is not None:
        _mark_export(index, target, "default")
    for clause in node.named_children:
        if clause.type != "export_clause":
            continue
        for spec in clause.named_children:
            local = spec.child_by_field_name("name")
            alias = spec.child_by_field_name("alias") or local
            if local is not None and alias is not None:
                _mark_export(index, (local.text or b"").decode(), (alias.text or b"").decode())
