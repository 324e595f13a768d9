"""Whether a patched file still parses, with the parser the extractors read it with: Python
`ast`, the tree-sitter grammars (no ERROR or MISSING node), python-hcl2, the YAML/JSON loader
the Dockerfile instruction reader, and expat for XML (MyBatis mappers; well-formedness only,
no entity declarations). A file of any other kind is refused."""

from __future__ import annotations

import ast
import warnings
from collections.abc import Callable
from xml.parsers import expat

import tree_sitter_go
import tree_sitter_java
import tree_sitter_javascript
import tree_sitter_kotlin
import tree_sitter_typescript
from tree_sitter import Language, Parser

from threatdelta.extractors.base import name_matches, suffix_of
from threatdelta.extractors.iac.dockerfile import DOCKERFILE_NAMES
from threatdelta.extractors.iac.dockerfile_parse import instructions
from threatdelta.extractors.openapi.loader import load_structured
from threatdelta.extractors.web.js_source import JS_SUFFIXES, TS_SUFFIXES, TSX_SUFFIXES
from threatdelta.model.base import Notification

_DOCKER_KEYWORDS = frozenset(
    {
        *("FROM", "RUN", "CMD", "LABEL", "MAINTAINER", "EXPOSE", "ENV", "ADD", "COPY"),
        *("ENTRYPOINT", "VOLUME", "USER", "WORKDIR", "ARG", "ONBUILD", "STOPSIGNAL"),
        *("HEALTHCHECK", "SHELL"),
    }
)


def _grammar(suffix: str) -> Language | None:
    if suffix in JS_SUFFIXES:
        return Language(tree_sitter_javascript.language())
    if suffix in TS_SUFFIXES:
        return Language(tree_sitter_typescript.language_typescript())
    if suffix in TSX_SUFFIXES:
        return Language(tree_sitter_typescript.language_tsx())
    grammars = {
        ".go": tree_sitter_go.language,
        ".java": tree_sitter_java.language,
        ".kt": tree_sitter_kotlin.language,
        ".kts": tree_sitter_kotlin.language,
    }
    found = grammars.get(suffix)
    return Language(found()) if found else None


def _python(text: str, _: str) -> str | None:
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # invalid escapes in the analysed code
            ast.parse(text)
    except (SyntaxError, ValueError, RecursionError, MemoryError) as exc:
        return f"the patched file is not valid Python ({type(exc).__name__}: {exc})"
    return None


def _terraform(text: str, path: str) -> str | None:
    from threatdelta.extractors.iac.terraform_hcl import parse_hcl_body  # noqa: PLC0415 (lark)

    parsed = parse_hcl_body(text, path)
    return (
        f"the patched file is not valid HCL ({parsed.message})"
        if isinstance(parsed, Notification)
        else None
    )


def _structured(text: str, path: str) -> str | None:
    loaded = load_structured(text, path)
    if isinstance(loaded, Notification):
        return f"the patched file does not load ({loaded.message})"
    return None


def _dockerfile(text: str, _: str) -> str | None:
    found = instructions(text)
    unknown = [i for i in found if i.keyword not in _DOCKER_KEYWORDS]
    if unknown:
        return f"the patched Dockerfile has an unknown instruction at line {unknown[0].start}"
    if not any(i.keyword == "FROM" for i in found):
        return "the patched Dockerfile has no FROM instruction"
    return None


class _EntityDeclared(ValueError):
    pass


def _refuse_entity(*_: object) -> None:
    raise _EntityDeclared


def _xml(text: str, _: str) -> str | None:
    """Well-formed XML, read by expat without any entity declaration (a DOCTYPE naming an
    external DTD is allowed, never fetched)."""
    parser = expat.ParserCreate()
    parser.SetParamEntityParsing(expat.XML_PARAM_ENTITY_PARSING_NEVER)
    parser.EntityDeclHandler = _refuse_entity
    try:
        parser.Parse(text.encode("utf-8"), True)
    except _EntityDeclared:
        return "the patched XML declares an entity; not checked"
    except expat.ExpatError as exc:
        return f"the patched file is not well-formed XML ({exc})"
    return None


def _checker(path: str) -> Callable[[str, str], str | None] | None:
    suffix = suffix_of(path)
    if suffix == ".py":
        return _python
    if suffix in {".tf", ".tfvars"}:
        return _terraform
    if suffix in {".yaml", ".yml", ".json"}:
        return _structured
    if suffix == ".xml":
        return _xml
    if name_matches(path, DOCKERFILE_NAMES):
        return _dockerfile
    return None


def syntax_problem(path: str, text: str) -> str | None:
    """Why the patched `text` of `path` does not parse, or None when it does. A kind of file
    no parser here reads is refused (a reason is returned)."""
    grammar = _grammar(suffix_of(path))
    if grammar is not None:
        root = Parser(grammar).parse(text.encode("utf-8", "replace")).root_node
        if root.has_error:
            return "the patched file has a syntax error (tree-sitter ERROR or MISSING node)"
        return None
    checker = _checker(path)
    if checker is None:
        return f"no parser can check a patched {suffix_of(path) or 'file'} file"
    return checker(text, path)
