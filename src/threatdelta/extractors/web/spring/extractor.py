"""The Spring extractor: Java and Kotlin sources parsed with tree-sitter (never compiled or
run) and Spring Boot configuration files."""

from __future__ import annotations

import re

import tree_sitter_java
import tree_sitter_kotlin
from tree_sitter import Language, Parser

from threatdelta.extractors.base import SourceFile, name_matches
from threatdelta.extractors.syntax_errors import parse_error
from threatdelta.extractors.web.spring.assemble import assemble_java
from threatdelta.extractors.web.spring.kotlin import assemble_kotlin
from threatdelta.extractors.web.spring.mybatis_xml import is_mapper_xml, mapper_xml_facts
from threatdelta.extractors.web.spring.project import EXTRACTOR, spring_service_name
from threatdelta.extractors.web.spring.settings import read_properties, read_yaml, setting_facts
from threatdelta.extractors.web.spring.syntax import Code
from threatdelta.model.base import Level, Notification
from threatdelta.model.elements import Service
from threatdelta.model.facts import CodeFact
from threatdelta.model.fragment import ModelFragment

_CLAIM = re.compile(
    r"@RestController|@Controller|@RequestMapping|SecurityFilterChain|"
    r"WebSecurityConfigurerAdapter|ServerHttpSecurity|@Mapper|@Select|JdbcTemplate|"
    r"createQuery|createNativeQuery|InMemoryUserDetailsManager|@SpringBootApplication|RouterFunction|"
    r"CorsConfiguration|allowedOrigin|@ExceptionHandler|MethodSecurity|@Entity|@Document|"
    r"Repository<"
)
_BUILD_DIRS = frozenset({"build", "target", ".gradle", "out", "bin"})
_MAPPERS = frozenset({"*mapper.xml"})
_SETTINGS = frozenset(
    {
        "application*.properties",
        "application*.yml",
        "application*.yaml",
        "bootstrap*.yml",
        "bootstrap*.yaml",
        "bootstrap*.properties",
    }
)
_MAX_CHARS = 1 << 20
_CONTROL = re.compile(r"[\x01-\x08\x0e-\x1f\x7f\ufffd]")


class SpringExtractor:
    """Spring MVC / WebFlux controllers, Spring Security configuration and MyBatis mappers
    in `.java` / `.kt` files, and Spring Boot `application*` settings files."""

    def __init__(self) -> None:
        self._java = Parser(Language(tree_sitter_java.language()))
        self._kotlin = Parser(Language(tree_sitter_kotlin.language()))

    @property
    def name(self) -> str:
        return EXTRACTOR

    @property
    def version(self) -> str:
        return "1"

    @property
    def suffixes(self) -> frozenset[str]:
        return frozenset({".java", ".kt"})

    @property
    def file_names(self) -> frozenset[str]:
        return _SETTINGS | _MAPPERS

    def claims(self, source: SourceFile) -> bool:
        if _not_shipped(source.path):
            return False
        if name_matches(source.path, _SETTINGS):
            return True
        if name_matches(source.path, _MAPPERS):
            return is_mapper_xml(source.text)
        return source.suffix in (".java", ".kt") and _CLAIM.search(source.text) is not None

    def extract(self, source: SourceFile) -> ModelFragment:
        if len(source.text) > _MAX_CHARS:
            return _skipped(source.path, "file-too-large", "larger than 1 MiB; not analysed")
        sample = source.text[:8192]
        if sample and len(_CONTROL.findall(sample)) > 0.05 * len(sample):
            return _skipped(source.path, "binary-file", "content looks binary; not analysed")
        if source.suffix in (".java", ".kt"):
            return self._source(source)
        if name_matches(source.path, _MAPPERS):
            return _module_facts(source, mapper_xml_facts(source.path, source.text), [])
        return _settings(source)

    def _source(self, source: SourceFile) -> ModelFragment:
        data = source.text.encode("utf-8", "replace")
        parser = self._java if source.suffix == ".java" else self._kotlin
        tree = parser.parse(data)
        notes: list[Notification] = []
        if tree.root_node.has_error:
            notes.append(parse_error(source.path, tree.root_node))
        code = Code(source.path, data)
        if source.suffix == ".java":
            return assemble_java(code, tree.root_node, notes)
        return assemble_kotlin(code, tree.root_node, notes)


def _not_shipped(path: str) -> bool:
    """Test source sets (`src/test/`, `src/it/`, `src/integrationTest/`, `src/testFixtures/`)
    and build output (`build/`, `target/`, `out/`, ... above `src/`; a package named
    `build` under `src/main/java` is kept)."""
    *folders, _ = path.split("/")
    if "src" not in folders:
        return any(f in _BUILD_DIRS for f in folders)
    at = folders.index("src")
    below = folders[at + 1] if at + 1 < len(folders) else ""
    test_set = below in ("it", "e2e") or below.startswith("test") or below.endswith("Test")
    return test_set or any(f in _BUILD_DIRS for f in folders[:at])


def _settings(source: SourceFile) -> ModelFragment:
    notes: list[Notification] = []
    if source.suffix == ".properties":
        settings = read_properties(source.text)
    else:
        settings, notes = read_yaml(source.text, source.path)
    return _module_facts(source, setting_facts(source.path, settings), notes)


def _module_facts(
    source: SourceFile, facts: list[CodeFact], notes: list[Notification]
) -> ModelFragment:
    services = (Service(name=spring_service_name(source.path), facts=tuple(facts)),)
    return ModelFragment(
        path=source.path,
        extractor=EXTRACTOR,
        services=services if facts else (),
        notifications=tuple(notes),
    )


def _skipped(path: str, code: str, message: str) -> ModelFragment:
    note = Notification(level=Level.WARNING, code=code, path=path, message=message)
    return ModelFragment(path=path, extractor=EXTRACTOR, notifications=(note,))
