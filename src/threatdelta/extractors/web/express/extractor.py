"""The Express extractor: JavaScript and TypeScript files parsed once with tree-sitter
(never run), to routes, mounts, middleware controls and handler facts."""

from __future__ import annotations

import re

import tree_sitter_javascript
import tree_sitter_typescript
from tree_sitter import Language, Parser

from threatdelta.extractors.base import SourceFile
from threatdelta.extractors.syntax_errors import parse_error
from threatdelta.extractors.web.express.assemble import EXTRACTOR, assemble
from threatdelta.extractors.web.express.syntax import Code
from threatdelta.model.base import Level, Notification
from threatdelta.model.fragment import ModelFragment

_JS = frozenset({".js", ".mjs", ".cjs", ".jsx"})
_TS = frozenset({".ts", ".mts", ".cts"})
_TSX = frozenset({".tsx"})
_CLAIM = re.compile(
    r"express|Router\s*\(|jsonwebtoken|\bjwt\b|crypto|createHash|cookie|session|\bcors\b|"
    r"helmet|passport|secret|password|token|child_process|errorhandler|PRIVATE KEY|AKIA|"
    r"\bghp_|\bsk_live_",
    re.IGNORECASE,
)
_TEST_DIRS = frozenset({"test", "tests", "testing", "__tests__", "__mocks__", "e2e", "cypress"})
_TEST_NAME = re.compile(r"\.(test|spec|e2e-spec|stories)\.[cm]?[jt]sx?$|\.d\.[cm]?ts$")
_CONTROL = re.compile(r"[\x01-\x08\x0e-\x1f\x7f\ufffd]")
# A Fastify plugin `(fastify, opts) => { fastify.get(...) }` looks like an Express router
# parameter; the Fastify extractor reads those files' routes.
_FASTIFY = re.compile(r"""['"](fastify|fastify-plugin|@fastify/[\w-]+)['"]|\(\s*fastify\s*[,)]""")
_BINARY_SHARE = 0.05


class ExpressExtractor:
    """Express apps and routers in `.js/.mjs/.cjs/.jsx/.ts/.mts/.cts/.tsx` files."""

    def __init__(self) -> None:
        javascript = Language(tree_sitter_javascript.language())
        typescript = Language(tree_sitter_typescript.language_typescript())
        tsx = Language(tree_sitter_typescript.language_tsx())
        self._parsers: dict[str, Parser] = {}
        for suffixes, language in ((_JS, javascript), (_TS, typescript), (_TSX, tsx)):
            parser = Parser(language)
            self._parsers.update(dict.fromkeys(suffixes, parser))

    @property
    def name(self) -> str:
        return EXTRACTOR

    @property
    def version(self) -> str:
        return "3"

    @property
    def suffixes(self) -> frozenset[str]:
        return _JS | _TS | _TSX

    def claims(self, source: SourceFile) -> bool:
        """JS/TS files outside tests that mention Express or something a fact is about."""
        if source.suffix not in self._parsers or _is_test_file(source.path):
            return False
        return _CLAIM.search(source.text) is not None

    def extract(self, source: SourceFile) -> ModelFragment:
        sample = source.text[:8192]
        if sample and len(_CONTROL.findall(sample)) > _BINARY_SHARE * len(sample):
            return _skipped(source.path, "binary-file", "content looks binary; not analysed")
        parser = self._parsers.get(source.suffix)
        if parser is None:
            return _skipped(source.path, "unsupported-file", "not a JavaScript/TypeScript file")
        data = source.text.encode("utf-8", "replace")
        tree = parser.parse(data)
        notes: list[Notification] = []
        if tree.root_node.has_error:
            notes.append(parse_error(source.path, tree.root_node))
        fragment = assemble(Code(source.path, data), tree.root_node, source.text, notes)
        if _FASTIFY.search(source.text) is None:
            return fragment
        return fragment.model_copy(update={"routers": (), "mounts": (), "endpoints": ()})


def _is_test_file(path: str) -> bool:
    """Tests, mocks and type declarations: not code the service runs."""
    *folders, name = path.split("/")
    return bool(_TEST_NAME.search(name)) or any(f in _TEST_DIRS for f in folders)


def _skipped(path: str, code: str, message: str) -> ModelFragment:
    note = Notification(level=Level.WARNING, code=code, path=path, message=message)
    return ModelFragment(path=path, extractor=EXTRACTOR, notifications=(note,))
