"""Outputs are appended to $GITHUB_OUTPUT in the runner's file format."""

from __future__ import annotations

import re
from pathlib import Path

from threatdelta.github.outputs import ActionOutputs, format_output, write_outputs

_HEREDOC = re.compile(r"^(?P<name>[a-z-]+)<<(?P<delim>\S+)\n(?P<value>.*?)\n(?P=delim)\n", re.S)


def parse_output_file(text: str) -> dict[str, str]:
    """What the runner does with the file: `name=value` lines and heredoc blocks."""
    values: dict[str, str] = {}
    while text:
        if match := _HEREDOC.match(text):
            values[match["name"]] = match["value"]
            text = text[match.end() :]
            continue
        line, _, text = text.partition("\n")
        name, _, value = line.partition("=")
        values[name] = value
    return values


def test_every_output_is_written_under_its_action_yml_name(tmp_path: Path) -> None:
    path = tmp_path / "set_output"
    outputs = ActionOutputs(
        threats_total=12,
        introduced=2,
        resolved=1,
        gate="fail",
        sarif_file="threatdelta.sarif",
        summary_comment_url="https://github.com/octo-org/octo-repo/pull/7#issuecomment-1",
    )
    write_outputs(path, outputs)
    assert parse_output_file(path.read_text(encoding="utf-8")) == {
        "threats-total": "12",
        "introduced": "2",
        "resolved": "1",
        "gate": "fail",
        "sarif-file": "threatdelta.sarif",
        "summary-comment-url": "https://github.com/octo-org/octo-repo/pull/7#issuecomment-1",
    }


def test_outputs_are_appended_after_what_earlier_steps_wrote(tmp_path: Path) -> None:
    path = tmp_path / "set_output"
    path.write_text("earlier=1\n", encoding="utf-8")
    write_outputs(path, ActionOutputs())
    values = parse_output_file(path.read_text(encoding="utf-8"))
    assert values["earlier"] == "1"
    assert values["gate"] == "pass"
    assert values["summary-comment-url"] == ""


def test_a_multi_line_value_uses_a_heredoc_that_cannot_be_closed_from_inside() -> None:
    hostile = "first line\nghadelimiter_x\ngate=pass\nlast"
    text = format_output("sarif-file", hostile)
    delimiter = text.splitlines()[0].split("<<", 1)[1]
    assert delimiter.startswith("ghadelimiter_")
    assert delimiter not in hostile
    assert parse_output_file(text) == {"sarif-file": hostile}


def test_a_single_line_value_is_written_as_name_equals_value() -> None:
    assert format_output("gate", "incomplete") == "gate=incomplete\n"
