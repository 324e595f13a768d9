"""Parsing a JavaScript/TypeScript source file for the Node framework extractors (NestJS,
Next.js, Fastify, Koa): one tree-sitter parser per suffix, test-file and binary checks, and
the notifications for input that cannot be read."""

from __future__ import annotations

import re
from dataclasses import dataclass

import tree_sitter_javascript
import tree_sitter_typescript
from tree_sitter import Language, Node, Parser

from threatdelta.extractors.base import SourceFile
from threatdelta.extractors.syntax_errors import parse_error
from threatdelta.model.base import Level, Notification

JS_SUFFIXES = frozenset({".js", ".mjs", ".cjs", ".jsx"})
TS_SUFFIXES = frozenset({".ts", ".mts", ".cts"})
TSX_SUFFIXES = frozenset({".tsx"})
ALL_SUFFIXES = JS_SUFFIXES | TS_SUFFIXES | TSX_SUFFIXES
_TEST_DIRS = frozenset({"test", "tests", "testing", "__tests__", "__mocks__", "e2e", "cypress"})
_TEST_NAME = re.compile(r"\.(test|spec|e2e-spec|stories)\.[cm]?[jt]sx?$|\.d\.[cm]?ts$")
_CONTROL = re.compile(r"[\x01-\x08\x0e-\x1f\x7f\ufffd]")
_BINARY_SHARE = 0.05


@dataclass(frozen=True, slots=True)
class Parsed:
    """A parsed file: its source bytes, the tree's root and what could not be read."""

    data: bytes
    root: Node
    notes: tuple[Notification, ...]


class JsParsers:
    """One tree-sitter parser per JavaScript/TypeScript suffix."""

    def __init__(self) -> None:
        javascript = Language(tree_sitter_javascript.language())
        typescript = Language(tree_sitter_typescript.language_typescript())
        tsx = Language(tree_sitter_typescript.language_tsx())
        self._parsers: dict[str, Parser] = {}
        pairs = ((JS_SUFFIXES, javascript), (TS_SUFFIXES, typescript), (TSX_SUFFIXES, tsx))
        for suffixes, language in pairs:
            parser = Parser(language)
            self._parsers.update(dict.fromkeys(suffixes, parser))

    def parse(self, source: SourceFile, extractor: str) -> Parsed | Notification:
        """The tree of `source`, or the notification saying why it is not analysed."""
        sample = source.text[:8192]
        if sample and len(_CONTROL.findall(sample)) > _BINARY_SHARE * len(sample):
            return note(source.path, "binary-file", f"{extractor}: content looks binary")
        parser = self._parsers.get(source.suffix)
        if parser is None:
            return note(source.path, "unsupported-file", f"{extractor}: not a JS/TS file")
        data = source.text.encode("utf-8", "replace")
        root = parser.parse(data).root_node
        notes = (parse_error(source.path, root, extractor),) if root.has_error else ()
        return Parsed(data, root, notes)


def is_test_file(path: str) -> bool:
    """Tests, mocks and type declarations: not code the service runs."""
    *folders, name = path.split("/")
    return bool(_TEST_NAME.search(name)) or any(f in _TEST_DIRS for f in folders)


def note(path: str, code: str, message: str) -> Notification:
    return Notification(level=Level.WARNING, code=code, path=path, message=message)
