"""The published JSON Schema of `.threatdelta/register.yaml` is the code's, and a register
written as the docs show validates against it."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml
from jsonschema import Draft202012Validator
from register_samples import CUSTOM_THREAT_YAML

from threatdelta.cli.main import main

DOC = Path(__file__).resolve().parents[2] / "docs" / "register-file.schema.json"
EXAMPLE = (
    """\
version: 1
decisions:
  - target: th-0123456789ab
    status: accepted
    justification: internal tool behind the VPN
    owner: appsec
    ticket: SEC-12
    decided_by: Ada
    decided_at: '2026-11-26T10:00:00Z'
    expires: '2027-03-31'
    element_fingerprint: sha256:0123456789abcdef
  - target: element:endpoint:GET /admin/*
    status: false_positive
    justification: the admin app is not deployed
"""
    + CUSTOM_THREAT_YAML
)


def test_published_register_file_schema_matches_the_code(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["schema", "--register-file"]) == 0
    assert DOC.read_text(encoding="utf-8") == capsys.readouterr().out, (
        "docs/register-file.schema.json is stale: run "
        "`threatdelta schema --register-file > docs/register-file.schema.json`"
    )


def test_documented_register_validates_against_the_published_schema() -> None:
    schema = json.loads(DOC.read_text(encoding="utf-8"))
    validator = Draft202012Validator(schema)
    assert list(validator.iter_errors(yaml.safe_load(EXAMPLE))) == []
    broken = yaml.safe_load(EXAMPLE)
    broken["decisions"][0]["status"] = "ignored"
    assert list(validator.iter_errors(broken))
