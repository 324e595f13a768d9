"""The action's outputs, appended to the file named by `$GITHUB_OUTPUT`.

A single-line value is written `name=value`; a value with a line break uses the runner's
heredoc form (`name<<DELIMITER`, the value, `DELIMITER`) with a random delimiter that is
checked not to occur in the value, so repository text can never end the value early and
set another output.
"""

from __future__ import annotations

import secrets
from collections.abc import Iterator
from pathlib import Path

from threatdelta.model.base import Frozen


class ActionOutputs(Frozen):
    """The outputs `action.yml` declares, under their Python names."""

    threats_total: int = 0  # threats in the complete head register (or the scanned commit)
    introduced: int = 0  # threats the pull request introduces (0 on push)
    resolved: int = 0  # threats the pull request resolves (0 on push)
    gate: str = "pass"  # pass | fail | incomplete
    sarif_file: str = ""  # workspace-relative path of the SARIF file, empty when not written
    summary_comment_url: str = ""  # the PR summary comment, empty when none was posted

    def items(self) -> Iterator[tuple[str, str]]:
        """(output name as in action.yml, value as text)."""
        for field, value in self.model_dump().items():
            yield field.replace("_", "-"), str(value)


def _delimiter(value: str) -> str:
    while True:
        candidate = f"ghadelimiter_{secrets.token_hex(16)}"
        if candidate not in value:
            return candidate


def format_output(name: str, value: str) -> str:
    """One output in the `$GITHUB_OUTPUT` file format, ending with a newline."""
    if "\n" not in value and "\r" not in value:
        return f"{name}={value}\n"
    delimiter = _delimiter(value)
    return f"{name}<<{delimiter}\n{value}\n{delimiter}\n"


def write_outputs(path: Path, outputs: ActionOutputs) -> None:
    """Append every output to `path` (the runner reads the file after the step)."""
    text = "".join(format_output(name, value) for name, value in outputs.items())
    with path.open("a", encoding="utf-8", newline="\n") as handle:
        handle.write(text)
