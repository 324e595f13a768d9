"""The Fastify extractor: apps, plugins and their routes, hooks and prefixes, parsed once
with tree-sitter (never run); handler facts come from the Express handler analysis."""

from __future__ import annotations

from threatdelta.extractors.base import SourceFile
from threatdelta.extractors.web.express.bindings import ModuleIndex, build_index
from threatdelta.extractors.web.express.syntax import Code
from threatdelta.extractors.web.fastify import instances as inst
from threatdelta.extractors.web.fastify.assemble import EXTRACTOR, assemble
from threatdelta.extractors.web.fastify.routes import Registrations, Scanner, receiver_of
from threatdelta.extractors.web.js_source import ALL_SUFFIXES, JsParsers, Parsed, is_test_file
from threatdelta.model.fragment import ModelFragment


class FastifyExtractor:
    """Fastify apps and plugins in JavaScript/TypeScript files."""

    def __init__(self) -> None:
        self._parsers = JsParsers()

    @property
    def name(self) -> str:
        return EXTRACTOR

    @property
    def version(self) -> str:
        return "1"

    @property
    def suffixes(self) -> frozenset[str]:
        return ALL_SUFFIXES

    def claims(self, source: SourceFile) -> bool:
        """Files outside tests that mention fastify (an import or a plugin parameter)."""
        return "fastify" in source.text and not is_test_file(source.path)

    def extract(self, source: SourceFile) -> ModelFragment:
        parsed = self._parsers.parse(source, EXTRACTOR)
        if not isinstance(parsed, Parsed):
            return ModelFragment(path=source.path, extractor=EXTRACTOR, notifications=(parsed,))
        code = Code(source.path, parsed.data)
        index = build_index(parsed.root)
        apps = inst.find_apps(code.path, index)
        exports = inst.exported_plugins(parsed.root, index)
        plugins = {
            fn.id: plugin
            for fn in index.function_nodes
            if (plugin := inst.plugin_of(fn, code.path, exports)) is not None
        }
        registered = _scan(code, index, apps, plugins)
        return assemble(
            code, index, apps=apps, plugins=plugins, found=registered, notes=parsed.notes
        )


def _scan(
    code: Code,
    index: ModuleIndex,
    apps: dict[str, inst.Instance],
    plugins: dict[int, inst.Instance],
) -> Registrations:
    scanner = Scanner(code, index, plugins)
    for call in index.calls:
        receiver = receiver_of(call)
        if receiver is None:
            continue
        owner = inst.owner(call, receiver, plugins) or apps.get(receiver)
        if owner is not None:
            scanner.call(call, owner)
    for app in apps.values():
        args = app.node.child_by_field_name("arguments")
        first = args.named_children[0] if args is not None and args.named_children else None
        scanner.limit(scanner.object_of(first).get("bodyLimit"), "bodyLimit")
    return scanner.out
