"""The Python web-framework extractor: Flask, FastAPI, Django / DRF and connexion-style
handlers, read with the standard `ast` module (the analysed code is never imported or run).

It claims every `.py` file outside test folders: settings such as `DEBUG = True` or a
hard-coded `SECRET_KEY` often live in modules that import no web framework. Parsing is the
main cost, and each module is walked a small, fixed number of times.
"""

from __future__ import annotations

import ast
import warnings

from threatdelta.extractors.base import SourceFile
from threatdelta.extractors.web.python.datastores import module_stores
from threatdelta.extractors.web.python.django_app import django_parts, with_django
from threatdelta.extractors.web.python.module import EXTRACTOR_NAME, ModuleAnalysis
from threatdelta.model.base import Level, Notification
from threatdelta.model.fragment import ModelFragment

_TEST_DIRS = frozenset({"tests", "test", "testing", "__tests__"})


def _is_test_file(path: str) -> bool:
    parts = path.split("/")
    name = parts[-1]
    return (
        name.startswith("test_")
        or name.endswith("_test.py")
        or name == "conftest.py"
        or any(p in _TEST_DIRS for p in parts[:-1])
    )


class PythonWebExtractor:
    """Flask / FastAPI / Django / connexion source -> routes, routers, mounts, services,
    facts."""

    @property
    def name(self) -> str:
        return EXTRACTOR_NAME

    @property
    def version(self) -> str:
        return "4"

    @property
    def suffixes(self) -> frozenset[str]:
        return frozenset({".py"})

    def claims(self, source: SourceFile) -> bool:
        return source.suffix == ".py" and not _is_test_file(source.path)

    def extract(self, source: SourceFile) -> ModelFragment:
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")  # SyntaxWarning for odd escapes
                tree = ast.parse(source.text, filename=source.path)
        except (SyntaxError, ValueError) as exc:
            line = getattr(exc, "lineno", None)
            where = f" (line {line})" if line else ""
            return self._note(source, "parse-error", f"not valid Python{where}: {exc}")
        except (RecursionError, MemoryError):
            return self._note(
                source, "too-deeply-nested", "Python source nested too deeply to parse"
            )
        try:
            return self._analyse(source, tree)
        except RecursionError:
            return self._note(
                source, "too-deeply-nested", "Python source nested too deeply to analyse"
            )

    def _analyse(self, source: SourceFile, tree: ast.Module) -> ModelFragment:
        analysis = ModuleAnalysis(source.path, tree)
        endpoints, handlers = analysis.endpoints()
        django = django_parts(source.path, tree, analysis.index)
        handlers |= {id(fn) for fn in django.handlers}
        analysis.handler_nodes += django.handlers
        bindings = [] if django.endpoints else analysis.bindings(handlers)
        services = with_django(
            analysis.services(analysis.module_facts(handlers)), django, source.path
        )
        service = services[0].name if services and services[0].framework else ""
        stores = module_stores(
            source.path, tree, analysis.nodes, analysis.index, analysis.handler_nodes
        )
        return ModelFragment(
            path=source.path,
            extractor=EXTRACTOR_NAME,
            services=tuple(services),
            routers=(*analysis.routers(service), *django.routers),
            mounts=(*analysis.mounts(), *django.mounts),
            endpoints=(*endpoints, *django.endpoints),
            bindings=tuple(bindings),
            datastores=stores.datastores,
            store_symbols=stores.symbols,
            store_accesses=(*stores.accesses, *django.accesses),
        )

    def _note(self, source: SourceFile, code: str, message: str) -> ModelFragment:
        return ModelFragment(
            path=source.path,
            extractor=EXTRACTOR_NAME,
            notifications=(
                Notification(level=Level.WARNING, code=code, message=message, path=source.path),
            ),
        )
