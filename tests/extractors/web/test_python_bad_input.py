"""Bad Python input gives one notification and an otherwise empty fragment."""

from __future__ import annotations

from python_web_helpers import extract

from threatdelta.extractors.base import SourceFile
from threatdelta.extractors.web.python import PythonWebExtractor
from threatdelta.model import Level


def test_syntax_error_is_one_parse_error_notification() -> None:
    frag = extract("from flask import Flask\napp = Flask(__name__\n@app.get('/')\n")
    (note,) = frag.notifications
    assert (note.code, note.level, note.path) == ("parse-error", Level.WARNING, "app.py")
    assert "line" in note.message
    assert frag.endpoints == () and frag.services == () and frag.routers == ()


def test_null_byte_in_source_is_a_parse_error() -> None:
    frag = extract("x = 1\x00\n")
    assert [n.code for n in frag.notifications] == ["parse-error"]


def test_deeply_nested_expression_is_reported_not_raised() -> None:
    text = "from flask import Flask\nx = " + "(" * 5000 + "1" + ")" * 5000 + "\n"
    frag = extract(text)
    assert [n.code for n in frag.notifications] in (["too-deeply-nested"], ["parse-error"])
    assert frag.services == ()


def test_deep_but_parsable_nesting_is_analysed_or_reported() -> None:
    text = "from flask import Flask\nx = " + "[" * 90 + "1" + "]" * 90 + "\n"
    frag = extract(text)
    assert frag.notifications == ()


def test_test_files_are_not_claimed_and_other_python_files_are() -> None:
    extractor = PythonWebExtractor()
    assert not extractor.claims(SourceFile(path="tests/test_app.py", text="import flask"))
    assert not extractor.claims(SourceFile(path="app/conftest.py", text="import flask"))
    assert extractor.claims(SourceFile(path="app/config.py", text="DEBUG = True"))
    assert not extractor.claims(SourceFile(path="app/readme.md", text="flask"))


def test_long_concatenation_is_analysed_without_recursion() -> None:
    terms = " + ".join(['request.args["a"]'] * 600)
    frag = extract(
        "from flask import Flask, request\napp = Flask(__name__)\n"
        '@app.get("/x")\ndef x():\n'
        f'    q = "SELECT * FROM t WHERE a = " + {terms}\n'
        "    cursor.execute(q)\n"
    )
    assert frag.notifications == ()
    (routed,) = frag.endpoints
    assert [(f.kind.value, f.from_input.value) for f in routed.endpoint.facts] == [
        ("sql-raw", "yes")
    ]
