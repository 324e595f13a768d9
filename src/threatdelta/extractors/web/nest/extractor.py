"""The NestJS extractor: TypeScript/JavaScript files that import `@nestjs/*`, parsed once
with tree-sitter (never run), to controllers and their routes, modules, the bootstrap and
handler facts."""

from __future__ import annotations

from threatdelta.extractors.base import SourceFile
from threatdelta.extractors.web.express.bindings import build_index
from threatdelta.extractors.web.express.syntax import Code
from threatdelta.extractors.web.js_source import ALL_SUFFIXES, JsParsers, Parsed, is_test_file
from threatdelta.extractors.web.nest import decorators as deco
from threatdelta.extractors.web.nest.bootstrap import read_bootstrap
from threatdelta.extractors.web.nest.controllers import EXTRACTOR, ControllerReader
from threatdelta.extractors.web.nest.modules import read_module
from threatdelta.extractors.web.nest.params import dto_fields
from threatdelta.extractors.web.nest.providers import provider_methods
from threatdelta.model.fragment import (
    ModelFragment,
    Mount,
    ProviderMethod,
    RoutedEndpoint,
    RouterDecl,
)


class NestExtractor:
    """NestJS controllers, modules and bootstrap files."""

    def __init__(self) -> None:
        self._parsers = JsParsers()

    @property
    def name(self) -> str:
        return EXTRACTOR

    @property
    def version(self) -> str:
        return "2"

    @property
    def suffixes(self) -> frozenset[str]:
        return ALL_SUFFIXES

    def claims(self, source: SourceFile) -> bool:
        """Files outside tests that import a NestJS package."""
        return "@nestjs/" in source.text and not is_test_file(source.path)

    def extract(self, source: SourceFile) -> ModelFragment:
        parsed = self._parsers.parse(source, EXTRACTOR)
        if not isinstance(parsed, Parsed):
            return ModelFragment(path=source.path, extractor=EXTRACTOR, notifications=(parsed,))
        return _assemble(Code(source.path, parsed.data), parsed)


def _assemble(code: Code, parsed: Parsed) -> ModelFragment:
    index = build_index(parsed.root)
    reader = ControllerReader(code, index, dto_fields(parsed.root))
    routers: list[RouterDecl] = []
    mounts: list[Mount] = []
    endpoints: list[RoutedEndpoint] = []
    methods: list[ProviderMethod] = []
    for cls in deco.classes(parsed.root):
        methods += provider_methods(cls, code, index)
        for d in deco.of_class(cls):
            if d.name == "Controller":
                decl, eps = reader.read(cls, d)
                routers.append(decl)
                endpoints.extend(eps)
            elif d.name == "Module":
                decl, found = read_module(deco.class_name(cls), d, code, index)
                routers.append(decl)
                mounts.extend(found)
    boot = read_bootstrap(code, index, EXTRACTOR)
    if boot is not None:
        routers.append(boot.router)
        mounts.extend([boot.mount] if boot.mount is not None else [])
    return ModelFragment(
        path=code.path,
        extractor=EXTRACTOR,
        services=(boot.service,) if boot is not None else (),
        routers=tuple(routers),
        mounts=tuple(mounts),
        endpoints=tuple(endpoints),
        provider_methods=tuple(methods),
        provider_calls=tuple(dict.fromkeys(reader.calls)),
        notifications=parsed.notes,
    )
