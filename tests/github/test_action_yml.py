"""action.yml, the README's tables and the code agree: every input the code reads is declared
with the code's default, every output the code writes is declared, and the README documents
both."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
import yaml

from threatdelta.github.outputs import ActionOutputs
from threatdelta.github.settings import ActionInputs, read_inputs

ROOT = Path(__file__).resolve().parents[2]


def _action() -> dict[str, Any]:
    data = yaml.safe_load((ROOT / "action.yml").read_text(encoding="utf-8"))
    assert isinstance(data, dict)
    return data


def _readme_table(heading: str) -> dict[str, str]:
    """First column -> second column of the table under `### heading` in the README."""
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    section = text.split(f"### {heading}\n", 1)[1].split("\n### ", 1)[0]
    rows = [line for line in section.splitlines() if line.startswith("| `")]
    cells = [[c.strip() for c in row.strip("|").split("|")] for row in rows]
    return {c[0].strip("`"): c[1] for c in cells}


def _input_names() -> set[str]:
    return {name.replace("_", "-") for name in ActionInputs.model_fields}


def test_action_yml_declares_exactly_the_inputs_the_code_reads() -> None:
    assert set(_action()["inputs"]) == _input_names()


def test_every_input_is_documented_in_action_yml() -> None:
    for name, spec in _action()["inputs"].items():
        assert len(spec.get("description", "")) > 20, name
        assert spec.get("required") is False, name


def test_action_yml_defaults_are_the_codes_defaults() -> None:
    declared = {
        f"INPUT_{name.upper()}": str(spec["default"])
        for name, spec in _action()["inputs"].items()
        if name != "github-token"  # an expression the runner evaluates
    }
    assert read_inputs(declared) == read_inputs({})
    assert _action()["inputs"]["github-token"]["default"] == "${{ github.token }}"


def test_action_yml_declares_exactly_the_outputs_the_code_writes() -> None:
    assert set(_action()["outputs"]) == {name for name, _ in ActionOutputs().items()}


def test_the_action_runs_the_dockerfile_whose_entrypoint_is_threatdelta_ci() -> None:
    assert _action()["runs"] == {"using": "docker", "image": "Dockerfile"}
    dockerfile = (ROOT / "Dockerfile").read_text(encoding="utf-8")
    assert re.search(r'^ENTRYPOINT \["threatdelta", "ci"\]$', dockerfile, re.M)
    assert not re.search(r"^(USER|WORKDIR)\b", dockerfile, re.M)
    assert "safe.directory" in dockerfile


@pytest.mark.parametrize("heading", ["Inputs", "Outputs"])
def test_the_readme_tables_list_every_input_and_output(heading: str) -> None:
    documented = set(_readme_table(heading))
    expected = set(_action()["inputs" if heading == "Inputs" else "outputs"])
    assert documented == expected


def test_the_readme_states_the_action_yml_defaults() -> None:
    table = _readme_table("Inputs")
    for name, spec in _action()["inputs"].items():
        default = str(spec["default"])
        assert table[name] == (f"`{default}`" if default else "empty"), name
