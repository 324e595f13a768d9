"""Bad Go input: syntax errors, binary content, tests and vendored code. A notification
each, never a crash, and the well-formed rest still extracted."""

from __future__ import annotations

from go_helpers import extract, routes

from threatdelta.extractors.base import SourceFile
from threatdelta.extractors.web.golang import GoExtractor
from threatdelta.model.base import Level


def test_syntax_error_is_noted_with_its_line_and_the_rest_is_extracted() -> None:
    fragment = extract(
        """
        package main

        import "net/http"

        func broken( {
            x :=
        }

        func main() {
            http.HandleFunc("POST /orders", createOrder)
        }
        """
    )
    [note] = fragment.notifications
    assert note.code == "parse-error" and note.level is Level.WARNING
    assert "line 5" in note.message
    assert ("POST", "/orders") in routes(fragment)


def test_binary_content_is_skipped_with_a_note() -> None:
    fragment = GoExtractor().extract(
        SourceFile(path="main.go", text="package main\n" + "\x00\x01\x02\x03" * 200)
    )
    [note] = fragment.notifications
    assert note.code == "binary-file"
    assert fragment.endpoints == ()


def test_deeply_nested_input_does_not_crash() -> None:
    depth = 3000
    text = "package main\n\nvar x = " + "(" * depth + "1" + ")" * depth + "\n"
    fragment = GoExtractor().extract(SourceFile(path="main.go", text=text))
    assert fragment.endpoints == ()


def test_tests_vendor_and_unrelated_files_are_not_claimed() -> None:
    extractor = GoExtractor()
    web = 'package x\nimport "net/http"\n'
    assert extractor.claims(SourceFile(path="api/server.go", text=web))
    assert not extractor.claims(SourceFile(path="api/server_test.go", text=web))
    assert not extractor.claims(SourceFile(path="vendor/github.com/x/y.go", text=web))
    assert not extractor.claims(SourceFile(path="api/math.go", text="package x\nfunc A() {}\n"))
    assert not extractor.claims(SourceFile(path="api/server.py", text=web))
