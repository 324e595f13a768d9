"""Bad input: a notification each, never a crash, the rest still read."""

from __future__ import annotations

from spring_helpers import extract, keys

from threatdelta.extractors.base import SourceFile
from threatdelta.extractors.web.spring import SpringExtractor
from threatdelta.model import Level


def test_java_syntax_error_gives_a_parse_error_and_keeps_well_formed_handlers() -> None:
    fragment = extract(
        """
        @RestController
        class Broken {
            @GetMapping("/ok")
            String ok() { return "ok"; }

            @PostMapping("/bad")
            String bad( { return
        }
        """
    )
    [note] = fragment.notifications
    assert (note.code, note.level) == ("parse-error", Level.WARNING)
    assert "line" in note.message
    assert "GET /ok" in keys(fragment)


def test_kotlin_syntax_error_gives_a_parse_error() -> None:
    fragment = extract(
        """
        package x

        @RestController
        class Broken {
            @GetMapping("/k")
            fun k(: String = {
        }
        """,
        "svc/src/main/kotlin/x/Broken.kt",
    )
    assert [n.code for n in fragment.notifications] == ["parse-error"]


def test_yaml_settings_that_do_not_parse_give_a_parse_error() -> None:
    fragment = extract(
        "management: [unclosed\n  include: *\n", "svc/src/main/resources/application.yml"
    )
    assert [n.code for n in fragment.notifications] == ["parse-error"]
    assert fragment.services == ()


def test_binary_content_is_skipped_with_a_note() -> None:
    text = "@RestController\x00\x01\x02\x03" * 50
    fragment = SpringExtractor().extract(SourceFile(path="svc/src/main/java/B.java", text=text))
    assert [n.code for n in fragment.notifications] == ["binary-file"]


def test_deeply_nested_expression_does_not_crash() -> None:
    nested = "(" * 3000 + "id" + ")" * 3000
    fragment = extract(
        f"""
        @RestController
        class Deep {{
            @GetMapping("/deep/{{id}}")
            Object deep(@PathVariable String id) {{
                return jdbcTemplate.queryForList("select " + {nested});
            }}
        }}
        """
    )
    assert "GET /deep/{id}" in keys(fragment)


def test_test_sources_and_build_output_are_not_claimed() -> None:
    extractor = SpringExtractor()
    text = "@RestController class A {}"
    assert extractor.claims(SourceFile(path="svc/src/main/java/A.java", text=text))
    assert not extractor.claims(SourceFile(path="svc/src/test/java/A.java", text=text))
    assert not extractor.claims(SourceFile(path="svc/build/generated/A.java", text=text))
    assert not extractor.claims(SourceFile(path="target/classes/A.java", text=text))
    assert not extractor.claims(SourceFile(path="svc/src/main/java/Plain.java", text="class P {}"))


def test_file_over_a_mebibyte_is_skipped_with_a_note() -> None:
    text = "@RestController class Big {}\n" + "// filler line\n" * 80_000
    fragment = SpringExtractor().extract(SourceFile(path="svc/src/main/java/Big.java", text=text))
    assert [n.code for n in fragment.notifications] == ["file-too-large"]
    assert fragment.endpoints == ()


def test_deeply_nested_yaml_settings_do_not_crash() -> None:
    text = "".join("  " * i + f"k{i}:\n" for i in range(400)) + "  " * 400 + "v: 1\n"
    fragment = SpringExtractor().extract(
        SourceFile(path="svc/src/main/resources/application.yml", text=text)
    )
    assert [n.code for n in fragment.notifications] == ["too-deeply-nested"]
    assert fragment.services == ()


def test_a_package_named_like_a_build_folder_under_the_sources_is_still_claimed() -> None:
    extractor = SpringExtractor()
    text = "@RestController class A {}"
    assert extractor.claims(SourceFile(path="svc/src/main/java/com/x/build/A.java", text=text))
    assert not extractor.claims(SourceFile(path="svc/src/integrationTest/java/A.java", text=text))
    assert not extractor.claims(SourceFile(path="svc/out/production/A.java", text=text))
    assert extractor.claims(SourceFile(path="legacy/src/com/x/A.java", text=text))
