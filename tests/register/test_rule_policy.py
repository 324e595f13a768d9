"""Rule policy in the settings file: a severity override or a disabled rule, each with a
required reason, honoured by a local scan."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from pydantic import ValidationError
from register_samples import write_app

from threatdelta.cli.main import main
from threatdelta.errors import ConfigError
from threatdelta.findings.threat import Severity
from threatdelta.github.base_config import parse_config
from threatdelta.register.policy import RulePolicy

CONFIG = """\
fail-on: high
rules:
  TD-R001: {severity: high, reason: "the audit trail is a legal requirement here"}
  TD-D004: {disabled: true, reason: "rate limits are enforced by the CDN"}
"""


def _threats(root: Path, capsys: pytest.CaptureFixture[str]) -> list[dict[str, object]]:
    assert main(["scan", str(root), "--no-fixes", "--format", "json"]) == 0
    document = json.loads(capsys.readouterr().out)
    threats: list[dict[str, object]] = document["threats"]
    return threats


def test_policy_without_a_reason_is_refused() -> None:
    with pytest.raises(ValidationError):
        RulePolicy.model_validate({"disabled": True})
    with pytest.raises(ValidationError, match="reason must not be blank"):
        RulePolicy.model_validate({"disabled": True, "reason": "  "})
    with pytest.raises(ValidationError, match="set severity or disabled"):
        RulePolicy.model_validate({"reason": "why"})


@pytest.mark.parametrize(
    ("text", "said"),
    [
        ("rules:\n  TD-Z999: {disabled: true, reason: x}\n", "unknown rule id(s): TD-Z999"),
        ("rules:\n  TD-R001: {disabled: true}\n", "reason"),
        ("rules:\n  TD-R001: {severity: urgent, reason: x}\n", "severity"),
        ("rules:\n  TD-R001: {disabled: 'yes', reason: x}\n", "disabled"),
    ],
)
def test_invalid_rule_policy_is_a_config_error(text: str, said: str) -> None:
    with pytest.raises(ConfigError, match=said.replace("(", r"\(").replace(")", r"\)")):
        parse_config(text, ".threatdelta/config.yml")


def test_rule_policy_does_not_become_an_action_input_override() -> None:
    config = parse_config(CONFIG, ".threatdelta/config.yml")
    assert config.rules is not None and set(config.rules) == {"TD-R001", "TD-D004"}
    assert config.overrides() == {"fail_on": "high"}


def test_local_scan_honours_severity_override_and_disabled_rule(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    write_app(tmp_path)
    before = _threats(tmp_path, capsys)
    assert {t["rule_id"] for t in before} >= {"TD-R001", "TD-D004"}
    (tmp_path / ".threatdelta").mkdir()
    (tmp_path / ".threatdelta" / "config.yml").write_text(CONFIG, encoding="utf-8")
    document_threats = _threats(tmp_path, capsys)
    assert "TD-D004" not in {t["rule_id"] for t in document_threats}
    audit = [t for t in document_threats if t["rule_id"] == "TD-R001"]
    assert audit and {t["severity"] for t in audit} == {Severity.HIGH.value}
    assert all(7.0 <= float(str(t["score"])) <= 8.9 for t in audit)


def test_policy_is_stated_in_the_report(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write_app(tmp_path)
    (tmp_path / ".threatdelta").mkdir()
    (tmp_path / ".threatdelta" / "config.yml").write_text(CONFIG, encoding="utf-8")
    assert main(["scan", str(tmp_path), "--no-fixes", "--format", "json"]) == 0
    notes = json.loads(capsys.readouterr().out)["notifications"]
    messages = [n["message"] for n in notes if n["code"] == "rule-policy"]
    assert "rule TD-D004 disabled by the settings file: rate limits are enforced by the CDN" in (
        messages
    )
