"""The parse check of a patched file, per language, with the extractors' parsers."""

from __future__ import annotations

import pytest

from threatdelta.remediation.syntax import syntax_problem

GOOD_AND_BAD = [
    ("a.py", "x = 1\n", "x = (\n"),
    ("a.js", "const a = 1;\n", "const a = ;\n"),
    ("a.ts", "const a: number = 1;\n", "const a: = 1;\n"),
    ("a.tsx", "const a = <div />;\n", "const a = <div;\n"),
    ("a.go", "package main\n\nfunc main() {}\n", "package main\n\nfunc main( {}\n"),
    ("A.java", "class A { void f() {} }\n", "class A { void f() { }\n"),
    ("A.kt", "fun f() = 1\n", "fun f( = 1\n"),
    ("main.tf", 'resource "a" "b" {\n  x = 1\n}\n', 'resource "a" "b" {\n  x = \n'),
    ("a.yaml", "a: 1\n", "a: [1\n"),
    ("a.json", '{"a": 1}\n', '{"a": 1\n'),
    ("Dockerfile", "FROM alpine\nUSER app\n", "FROM alpine\nUSR app\n"),
    ("AMapper.xml", '<mapper namespace="a"><select id="f">x</select></mapper>\n', "<mapper>\n"),
]


@pytest.mark.parametrize(("path", "good", "bad"), GOOD_AND_BAD, ids=[g[0] for g in GOOD_AND_BAD])
def test_valid_file_passes_and_broken_file_is_named(path: str, good: str, bad: str) -> None:
    assert syntax_problem(path, good) is None
    assert syntax_problem(path, bad)


def test_file_no_parser_reads_is_refused() -> None:
    assert syntax_problem("a.rb", "puts 1\n") == "no parser can check a patched .rb file"


def test_xml_declaring_an_entity_is_refused() -> None:
    text = '<!DOCTYPE m [<!ENTITY a "aaaa">]>\n<m>&a;</m>\n'
    assert syntax_problem("m.xml", text) == "the patched XML declares an entity; not checked"
