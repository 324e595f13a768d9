"""Bad compose files: a notification each, never a crash."""

from __future__ import annotations

from threatdelta.extractors.base import SourceFile
from threatdelta.extractors.iac.compose import ComposeExtractor


def _codes(text: str) -> list[str]:
    frag = ComposeExtractor().extract(SourceFile(path="docker-compose.yml", text=text))
    assert frag.iac == ()
    return [n.code for n in frag.notifications]


def test_yaml_syntax_error_is_a_parse_error() -> None:
    assert _codes("services:\n  api: [unclosed\n") == ["parse-error"]


def test_file_without_services_is_noted() -> None:
    assert _codes("version: '3'\nvolumes: {}\n") == ["no-services"]
    assert _codes("") == ["no-services"]
    assert _codes("- just\n- a list\n") == ["no-services"]


def test_alias_bomb_is_refused() -> None:
    bomb = "a: &a [x, x, x, x, x, x, x, x, x, x]\n"
    for i in range(1, 9):
        prev = chr(ord("a") + i - 1)
        name = chr(ord("a") + i)
        bomb += f"{name}: &{name} [*{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}]\n"
    assert _codes(bomb + "services: *i\n") == ["too-many-nodes"]


def test_services_that_are_not_mappings_are_ignored() -> None:
    frag = ComposeExtractor().extract(
        SourceFile(path="compose.yaml", text="services:\n  a: 1\n  b:\n    image: x\n")
    )
    assert [r.name for r in frag.iac] == ["compose.yaml:b"]
