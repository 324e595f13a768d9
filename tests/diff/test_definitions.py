"""Definition spans of changed files, by which dependents are found."""

from __future__ import annotations

from threatdelta.diff.definitions import definition_spans


def test_typescript_file_with_only_a_class_has_no_named_spans() -> None:
    text = "@Controller('notes')\nexport class NotesController {\n  list() {}\n}\n"
    assert list(definition_spans("src/notes.controller.ts", text)) == []


def test_typescript_functions_span_to_the_next_definition() -> None:
    text = "export function a() {}\n\nconst b = () => 1;\n"
    assert list(definition_spans("src/x.ts", text)) == [("a", 1, 2), ("b", 3, 3)]
