"""Which files the OpenAPI extractor claims, and what it does with bad or hostile ones."""

from __future__ import annotations

from pathlib import Path

import pytest
from openapi_helpers import codes, endpoint, extract

from threatdelta.extractors.base import SourceFile
from threatdelta.extractors.openapi import OpenApiExtractor
from threatdelta.extractors.registry import default_extractors
from threatdelta.model.base import Level
from threatdelta.pipeline import scan

EXTRACTOR = OpenApiExtractor()


@pytest.mark.parametrize(
    ("path", "text"),
    [
        ("openapi.yaml", "openapi: 3.0.3\ninfo: {}\n"),
        ("spec.yml", "# comment\n'openapi': '3.1.0'\n"),
        ("swagger.yaml", 'info: {}\nswagger: "2.0"\n'),
        ("api.json", '{\n  "swagger": "2.0",\n  "info": {}\n}'),
        ("api.yaml", '{"openapi": "3.0.0", "paths": {}}'),
    ],
)
def test_openapi_documents_are_claimed(path: str, text: str) -> None:
    assert EXTRACTOR.claims(SourceFile(path=path, text=text))


@pytest.mark.parametrize(
    ("path", "text"),
    [
        ("docker-compose.yml", "services:\n  web:\n    image: nginx\n"),
        ("nested.yaml", "spec:\n  openapi: 3.0.0\n"),
        ("package.json", '{"name": "x", "version": "1.0.0"}'),
        ("asyncapi.yaml", "asyncapi: 2.6.0\n"),
        ("old.yaml", "openapi: 4.0.0\n"),
    ],
)
def test_other_structured_files_are_not_claimed(path: str, text: str) -> None:
    assert not EXTRACTOR.claims(SourceFile(path=path, text=text))


def test_claimed_json_that_is_not_openapi_at_top_level_gives_an_empty_fragment() -> None:
    source = SourceFile(path="schema.json", text='{"properties": {"openapi": "3.0.0"}}')
    assert EXTRACTOR.claims(source)
    fragment = EXTRACTOR.extract(source)
    assert (fragment.services, fragment.endpoints, fragment.notifications) == ((), (), ())


def test_unparseable_yaml_spec_gives_only_a_parse_error() -> None:
    fragment = extract("openapi: 3.0.0\npaths:\n  /a: {get: [}\n")
    assert fragment.endpoints == () and fragment.services == ()
    [note] = fragment.notifications
    assert (note.code, note.path) == ("parse-error", "api/openapi.yaml")
    assert "line 3" in note.message


def test_unparseable_json_spec_gives_only_a_parse_error() -> None:
    fragment = extract('{"openapi": "3.0.0",\n "paths": {\n  "/a": }\n}', "api.json")
    assert fragment.endpoints == ()
    [note] = fragment.notifications
    assert note.code == "parse-error"
    assert note.message.startswith("JSON syntax error at line 3:")


def test_alias_bomb_in_a_spec_is_refused() -> None:
    bomb = ["openapi: 3.0.0", 'a: &a ["x","x","x","x","x","x","x","x","x","x"]']
    for prev, name in zip("abcdefgh", "bcdefghi", strict=True):
        bomb.append(f"{name}: &{name} [" + ",".join([f"*{prev}"] * 10) + "]")
    fragment = extract("\n".join(bomb) + "\n")
    assert codes(fragment) == ["too-many-nodes"]
    assert fragment.endpoints == ()


def test_deeply_nested_spec_is_refused() -> None:
    text = "openapi: 3.0.0\npaths: " + "{a: " * 10_000 + "1" + "}" * 10_000 + "\n"
    fragment = extract(text)
    assert codes(fragment) == ["too-deeply-nested"]


def test_python_tag_in_a_spec_is_data_and_the_spec_is_still_extracted() -> None:
    fragment = extract(
        """\
        openapi: 3.0.0
        info: !!python/object/apply:os.system ["touch /tmp/threatdelta-pwned"]
        paths:
          /a: {get: {responses: {"200": {description: ok}}}}
        """
    )
    assert [r.endpoint.name for r in fragment.endpoints] == ["GET /a"]
    assert codes(fragment) == ["unsafe-yaml-tag", "invalid-openapi"]
    assert not Path("/tmp/threatdelta-pwned").exists()


def test_duplicate_path_keys_keep_the_last_with_a_note() -> None:
    fragment = extract(
        """\
        openapi: 3.0.0
        info: {title: t, version: "1"}
        paths:
          /a:
            get: {responses: {"200": {description: first}}}
          /a:
            post: {responses: {"200": {description: second}}}
        """
    )
    assert [r.endpoint.name for r in fragment.endpoints] == ["POST /a"]
    [note] = fragment.notifications
    assert (note.code, note.level) == ("duplicate-key", Level.NOTE)
    assert note.message == "line 6: duplicate key '/a'; the last one is used"


def test_structurally_invalid_spec_is_extracted_as_far_as_it_goes_with_a_warning() -> None:
    fragment = extract(
        """\
        openapi: 3.0.0
        paths:
          /a:
            get: "not an operation"
            post: {responses: {"201": {description: created}}}
          /b: [1, 2]
        """
    )
    assert [r.endpoint.name for r in fragment.endpoints] == ["POST /a"]
    [note] = fragment.notifications
    assert (note.code, note.level) == ("invalid-openapi", Level.WARNING)
    assert note.message == (
        "not a valid OpenAPI document: no 'info' object, operation 'get /a' is not a "
        "mapping (line 4), path '/b' is not a mapping (line 6)"
    )


def test_trailing_path_slashes_and_extension_keys() -> None:
    fragment = extract(
        """\
        openapi: 3.0.0
        info: {title: t, version: "1"}
        paths:
          x-internal: {get: {}}
          /users/:
            get: {responses: {"200": {description: ok}}}
        """
    )
    assert endpoint(fragment, "GET /users").path == "/users"
    assert len(fragment.endpoints) == 1


def test_openapi_extractor_is_registered() -> None:
    assert any(isinstance(e, OpenApiExtractor) for e in default_extractors())


def test_scan_reports_spec_endpoints_and_carries_on_past_bad_files(tmp_path: Path) -> None:
    (tmp_path / "api").mkdir()
    (tmp_path / "api" / "openapi.yaml").write_text(
        "openapi: 3.0.0\ninfo: {title: t, version: '1'}\n"
        "paths:\n  /items:\n    post:\n      responses: {'201': {description: ok}}\n"
    )
    (tmp_path / "broken.yaml").write_text("openapi: 3.0.0\npaths: [\n")
    (tmp_path / "compose.yml").write_text("services: {web: {image: nginx}}\n")
    report = scan(tmp_path, extractors=[OpenApiExtractor()])
    assert [e.key for e in report.model.endpoints] == ["endpoint:POST /items"]
    assert [s.name for s in report.model.services] == ["api"]
    assert [(n.code, n.path) for n in report.notifications] == [("parse-error", "broken.yaml")]
