"""The safe YAML/JSON loader: values, line spans, and refusal of hostile input."""

from __future__ import annotations

from textwrap import dedent

from threatdelta.extractors.openapi.loader import LoadLimits, load_structured
from threatdelta.extractors.openapi.tree import LoadedDocument, TaggedStr, YamlMap, YamlSeq
from threatdelta.model.base import Level, Notification


def load(text: str, path: str = "spec.yaml") -> LoadedDocument:
    loaded = load_structured(dedent(text), path)
    assert isinstance(loaded, LoadedDocument), loaded
    return loaded


def refused(text: str, path: str = "spec.yaml") -> Notification:
    loaded = load_structured(text, path)
    assert isinstance(loaded, Notification), loaded
    return loaded


def root_map(loaded: LoadedDocument) -> YamlMap:
    assert isinstance(loaded.root, YamlMap)
    return loaded.root


def test_yaml_mapping_keeps_key_lines_and_value_spans() -> None:
    root = root_map(
        load(
            """\
            openapi: 3.0.3
            paths:
              /users:
                post:
                  operationId: createUser
                  responses:
                    "201":
                      description: created
            servers:
              - url: https://api.example.com
            """
        )
    )
    assert root.span_of("openapi") == (1, 1)
    assert root.span_of("paths") == (2, 8)
    users = root["paths"]["/users"]  # type: ignore[index]
    assert isinstance(users, YamlMap)
    assert users.span_of("post") == (4, 8)
    assert root.span_of("servers") == (9, 10)
    servers = root["servers"]
    assert isinstance(servers, YamlSeq)
    assert servers.spans == [(10, 10)]


def test_block_scalar_span_ends_at_its_last_text_line() -> None:
    root = root_map(load("a: |\n  one\n  two\n\n\nb: >\n  folded\n\nc: 1\n"))
    assert root.spans == {"a": (1, 3), "b": (6, 7), "c": (9, 9)}
    assert root["a"] == "one\ntwo\n"


def test_unicode_line_separators_do_not_shift_line_numbers() -> None:
    root = root_map(load('a: "x\u2028y\x85z"\nb: 1\n'))
    assert root.span_of("b") == (2, 2)
    assert root["a"] == "x y z"


def test_scalars_follow_the_yaml_1_2_core_schema() -> None:
    root = root_map(
        load(
            """\
            version: 3.0.3
            swagger: 2.0
            count: 12
            hex: 0x1F
            flag: true
            on: yes
            empty:
            tilde: ~
            quoted: "12"
            underscored: 1_000
            """
        )
    )
    assert root == {
        "version": "3.0.3",
        "swagger": 2.0,
        "count": 12,
        "hex": 31,
        "flag": True,
        "on": "yes",
        "empty": None,
        "tilde": None,
        "quoted": "12",
        "underscored": "1_000",
    }
    assert root.text("swagger") == "2.0"


def test_keys_are_kept_as_written() -> None:
    root = root_map(load("200: ok\n0x10: hex\ntrue: yes\n"))
    assert list(root) == ["200", "0x10", "true"]


def test_json_keys_have_lines_too() -> None:
    text = '{\n\t"openapi": "3.1.0",\n\t"paths": {\n\t\t"/a": {"get": {}}\n\t}\n}\n'
    root = root_map(load(text, "spec.json"))
    assert root.span_of("openapi") == (2, 2)
    assert root.span_of("paths") == (3, 5)
    assert root["paths"] == {"/a": {"get": {}}}


def test_json_escaped_surrogate_pair_is_decoded_with_lines() -> None:
    loaded = load('{\n "smile": "\\ud83d\\ude00"\n}', "spec.json")
    root = root_map(loaded)
    assert root["smile"] == "\U0001f600"
    assert root.span_of("smile") == (2, 2)
    assert loaded.notifications == ()


def test_json_the_yaml_parser_refuses_keeps_values_without_positions() -> None:
    long_key = "k" * 1100
    loaded = load('{"' + long_key + '": 1,\n "b": 2}', "spec.json")
    assert loaded.root == {long_key: 1, "b": 2}
    assert [n.code for n in loaded.notifications] == ["positions-unavailable"]


def test_unparseable_yaml_gives_one_parse_error_with_its_line() -> None:
    note = refused("openapi: 3.0.0\npaths:\n  /a: [1, 2\n  /b: {}\n")
    assert note.code == "parse-error"
    assert note.level is Level.WARNING
    assert note.path == "spec.yaml"
    assert "line 4" in note.message


def test_unparseable_json_gives_one_parse_error_with_its_line() -> None:
    note = refused('{\n  "openapi": "3.0.0",\n  "paths": {,}\n}\n', "api.json")
    assert note.code == "parse-error"
    assert note.message.startswith("JSON syntax error at line 3:")
    assert note.path == "api.json"


def test_json_that_is_only_valid_yaml_is_refused() -> None:
    note = refused('{"a": 1, "b": }', "api.json")
    assert note.code == "parse-error"


def test_billion_laughs_is_refused_fast_with_a_notification() -> None:
    levels = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for prev, name in zip("abcdefgh", "bcdefghi", strict=True):
        levels.append(f"{name}: &{name} [" + ",".join([f"*{prev}"] * 9) + "]")
    note = refused("\n".join(levels) + "\n")
    assert note.code == "too-many-nodes"
    assert "billion laughs" in note.message
    assert note.message.startswith("line 7:")


def test_node_budget_counts_expanded_aliases() -> None:
    text = "base: &b [1, 2, 3]\nx: [*b, *b, *b]\n"
    assert isinstance(load_structured(text, "a.yaml", LoadLimits(max_nodes=20)), LoadedDocument)
    note = load_structured(text, "a.yaml", LoadLimits(max_nodes=10))
    assert isinstance(note, Notification)
    assert note.code == "too-many-nodes"
    plain = load_structured("[1, 2, 3, 4]", "a.yaml", LoadLimits(max_nodes=3))
    assert isinstance(plain, Notification)
    assert plain.message == "line 1: the document expands to more than 3 nodes; skipped"


def test_aliases_share_the_anchored_value() -> None:
    root = root_map(load("base: &b {k: v}\nuse: *b\n"))
    assert root["use"] is root["base"]
    assert root.span_of("use") == (2, 2)


def test_ten_thousand_deep_flow_nesting_is_refused_without_crashing() -> None:
    for path in ("deep.yaml", "deep.json"):
        note = refused("[" * 10_000 + "]" * 10_000, path)
        assert note.code == "too-deeply-nested"


def test_deep_block_nesting_is_refused_at_the_depth_limit() -> None:
    text = "".join("  " * i + f"k{i}:\n" for i in range(300)) + "  " * 300 + "leaf: 1\n"
    note = refused(text)
    assert note.code == "too-deeply-nested"
    assert note.message == "line 257: nested more than 256 levels deep; skipped"


def test_nesting_within_the_limit_loads() -> None:
    text = "[" * 200 + "]" * 200
    assert isinstance(load_structured(text, "ok.yaml"), LoadedDocument)


def test_python_tags_are_not_constructed_but_kept_as_data() -> None:
    loaded = load(
        """\
        run: !!python/object/apply:os.system ["echo pwned"]
        name: !!python/name:os.system ''
        ref: !Ref MyBucket
        """
    )
    root = root_map(loaded)
    run = root["run"]
    assert isinstance(run, YamlSeq)
    assert list(run) == ["echo pwned"]
    assert run.tag == "tag:yaml.org,2002:python/object/apply:os.system"
    assert root["name"] == ""
    ref = root["ref"]
    assert isinstance(ref, TaggedStr)
    assert (str(ref), ref.tag) == ("MyBucket", "!Ref")
    codes = [n.code for n in loaded.notifications]
    assert codes == ["unsafe-yaml-tag", "unsafe-yaml-tag"]


def test_duplicate_keys_keep_the_last_value_with_one_note() -> None:
    loaded = load("a: 1\nb: 2\na: 3\nb: 4\n")
    root = root_map(loaded)
    assert root == {"a": 3, "b": 4}
    assert root.span_of("a") == (3, 3)
    assert [(n.code, n.level, n.message) for n in loaded.notifications] == [
        ("duplicate-key", Level.NOTE, "line 3: duplicate key 'a'; the last one is used")
    ]


def test_merge_keys_fill_missing_entries_only() -> None:
    root = root_map(load("base: &b {x: 1, y: 2}\nm:\n  <<: *b\n  y: 3\n'<<': literal\n"))
    assert root["m"] == {"y": 3, "x": 1}
    assert root["<<"] == "literal"


def test_alias_to_an_undefined_or_incomplete_anchor_is_a_parse_error() -> None:
    assert refused("a: *nowhere\n").code == "parse-error"
    assert refused("a: &self [*self]\n").code == "parse-error"


def test_several_documents_and_an_empty_file() -> None:
    assert load("a: 1\n---\nb: 2\n").documents == ({"a": 1}, {"b": 2})
    empty = load("")
    assert empty.documents == ()
    assert empty.root is None


def test_control_characters_are_a_parse_error() -> None:
    note = refused("a: 1\nb: \x07\n")
    assert note.code == "parse-error"
    assert "line 2" in note.message
