"""The Go extractor: `.go` files parsed once with tree-sitter (never built or run), to
net/http, gin, echo, chi and gorilla/mux routes, middleware controls and handler facts."""

from __future__ import annotations

import re

import tree_sitter_go
from tree_sitter import Language, Parser

from threatdelta.extractors.base import SourceFile
from threatdelta.extractors.syntax_errors import parse_error
from threatdelta.extractors.web.golang.assemble import EXTRACTOR, assemble
from threatdelta.extractors.web.golang.syntax import Code
from threatdelta.model.base import Level, Notification
from threatdelta.model.fragment import ModelFragment

_CLAIM = re.compile(
    r"net/http|gin-gonic|labstack/echo|go-chi|gorilla/mux|InsecureSkipVerify|expvar|jwt|"
    r"secret|password|token|PRIVATE KEY|AKIA|\bghp_|\bsk_live_",
    re.IGNORECASE,
)
_SKIPPED_DIRS = frozenset({"vendor", "testdata"})
_GENERATED = re.compile(r"^// Code generated .* DO NOT EDIT\.$", re.MULTILINE)
_CONTROL = re.compile(r"[\x01-\x08\x0e-\x1f\x7f\ufffd]")
_BINARY_SHARE = 0.05


class GoExtractor:
    """Go web services in `.go` files (not `_test.go`, not under `vendor/` or `testdata/`)."""

    def __init__(self) -> None:
        self._parser = Parser(Language(tree_sitter_go.language()))

    @property
    def name(self) -> str:
        return EXTRACTOR

    @property
    def version(self) -> str:
        return "1"

    @property
    def suffixes(self) -> frozenset[str]:
        return frozenset({".go"})

    def claims(self, source: SourceFile) -> bool:
        """Go sources outside tests, vendored and generated code that mention a web framework,
        a TLS setting or something a secret fact is about."""
        if source.suffix != ".go" or _is_skipped(source.path):
            return False
        if _GENERATED.search(source.text[:2048]):
            return False  # protoc, sqlc, mockgen output: nobody edits it
        return _CLAIM.search(source.text) is not None

    def extract(self, source: SourceFile) -> ModelFragment:
        sample = source.text[:8192]
        if sample and len(_CONTROL.findall(sample)) > _BINARY_SHARE * len(sample):
            return _skipped(source.path, "binary-file", "content looks binary; not analysed")
        data = source.text.encode("utf-8", "replace")
        tree = self._parser.parse(data)
        notes: list[Notification] = []
        if tree.root_node.has_error:
            notes.append(parse_error(source.path, tree.root_node))
        return assemble(Code(source.path, data), tree.root_node, notes)


def _is_skipped(path: str) -> bool:
    *folders, name = path.split("/")
    return name.endswith("_test.go") or any(f in _SKIPPED_DIRS for f in folders)


def _skipped(path: str, code: str, message: str) -> ModelFragment:
    note = Notification(level=Level.WARNING, code=code, path=path, message=message)
    return ModelFragment(path=path, extractor=EXTRACTOR, notifications=(note,))
