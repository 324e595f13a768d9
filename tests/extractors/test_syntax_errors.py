"""The shared tree-sitter parse-error note names the first bad line."""

from __future__ import annotations

import tree_sitter_go
from tree_sitter import Language, Parser

from threatdelta.extractors.syntax_errors import first_error_line, parse_error

GO = Language(tree_sitter_go.language())


def _root(text: str):  # type: ignore[no-untyped-def]
    return Parser(GO).parse(text.encode()).root_node


def test_first_error_line_is_the_broken_line_not_the_file_start() -> None:
    root = _root("package main\n\nfunc ok() {}\n\nfunc broken( {\n}\n")
    assert root.has_error
    assert first_error_line(root) == 5


def test_parse_error_prefixes_the_extractor_only_when_given() -> None:
    root = _root("package main\nfunc broken( {\n")
    plain = parse_error("main.go", root)
    named = parse_error("main.go", root, "go")
    assert plain.code == named.code == "parse-error"
    assert plain.message.startswith("syntax error at line 2;")
    assert named.message.startswith("go: syntax error at line 2;")
    assert plain.path == "main.go"
