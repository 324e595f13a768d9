"""The Action with and without `anthropic-api-key`, end to end through `run_ci()` against
the fake Messages API (the SDK reads `ANTHROPIC_BASE_URL` from the job's environment)."""

from __future__ import annotations

import io
import json
import sys
from pathlib import Path

import pytest
from analyst_helpers import KEY
from fake_anthropic import FakeAnthropic, fake_anthropic, replies

from threatdelta.github.ci import run_ci

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "github"))
from ci_env import actions_env, pull_request_event, read_outputs, read_summary
from ci_repo import build_pr_repository

__all__ = ["fake_anthropic"]
IMPORT = "endpoint:POST /api/customers/import"
OWNER_FROM_BODY = replies.threat(
    IMPORT,
    "shop/routes/customers.py",
    38,
    38,
    'Customer(owner_id=row["owner_id"]',
    stride=("T",),
    title="Imported customers take their owner from the request body",
)


def test_the_action_with_an_api_key_runs_the_analyst_and_keeps_the_gate(
    fake_anthropic: FakeAnthropic, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("GIT_CONFIG_NOSYSTEM", "1")
    pr = build_pr_repository(tmp_path / "workspace")
    job = tmp_path / "job"
    job.mkdir()
    fake_anthropic.respond_with(replies.by_element({IMPORT: replies.answer([OWNER_FROM_BODY])}))
    env = actions_env(
        job,
        pr.path,
        pull_request_event(job, pr),
        sha=pr.head_sha,
        inputs={"anthropic-api-key": KEY},
    )
    env["ANTHROPIC_BASE_URL"] = fake_anthropic.url
    log = io.StringIO()
    code = run_ci(env, log)
    assert code == 1  # the rules' high threat fails the gate, with or without the analyst
    outputs = read_outputs(job)
    assert outputs["gate"] == "fail"
    assert outputs["introduced"] == "4"  # the rules' 3 and the analyst's
    assert fake_anthropic.requests
    assert fake_anthropic.requests[0].headers["authorization"] == f"Bearer {KEY}"
    # the key appears once, in the command that makes the runner mask it
    assert [line for line in log.getvalue().splitlines() if KEY in line] == [f"::add-mask::{KEY}"]
    summary = read_summary(job)
    assert "(AI analyst, unverified by rules)" in summary
    assert "LLM usage:" in summary
    sarif = json.loads((pr.path / "threatdelta.sarif").read_text(encoding="utf-8"))
    run = sarif["runs"][0]
    assert run["properties"]["llmModel"] == "claude-sonnet-5-5"
    assert any(r["properties"]["source"] == "llm" for r in run["results"])


def test_the_action_without_a_key_sends_nothing(
    fake_anthropic: FakeAnthropic, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("GIT_CONFIG_NOSYSTEM", "1")
    pr = build_pr_repository(tmp_path / "workspace")
    job = tmp_path / "job"
    job.mkdir()
    env = actions_env(job, pr.path, pull_request_event(job, pr), sha=pr.head_sha)
    env["ANTHROPIC_BASE_URL"] = fake_anthropic.url
    assert run_ci(env, io.StringIO()) == 1
    assert fake_anthropic.requests == []
    assert "AI analyst" not in read_summary(job)


ESCALATION = replies.threat(
    IMPORT,
    "shop/routes/customers.py",
    38,
    38,
    'Customer(owner_id=row["owner_id"]',
    stride=("E",),
    title="Anyone can import customers into another user's account",
)


def _gate_with_llm(
    fake_anthropic: FakeAnthropic, tmp_path: Path, inputs: dict[str, str]
) -> tuple[int, dict[str, str], str]:
    """The Action on the demo PR, failing only on critical threats: the rules' are high, the
    analyst's unauthenticated escalation (C:H/I:H, PR:N) is critical."""
    pr = build_pr_repository(tmp_path / "workspace")
    job = tmp_path / "job"
    job.mkdir()
    fake_anthropic.respond_with(replies.by_element({IMPORT: replies.answer([ESCALATION])}))
    given = {"anthropic-api-key": KEY, "fail-on": "critical", **inputs}
    env = actions_env(job, pr.path, pull_request_event(job, pr), sha=pr.head_sha, inputs=given)
    env["ANTHROPIC_BASE_URL"] = fake_anthropic.url
    code = run_ci(env, io.StringIO())
    return code, read_outputs(job), read_summary(job)


def test_the_analysts_threat_alone_does_not_fail_the_gate_by_default(
    fake_anthropic: FakeAnthropic, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("GIT_CONFIG_NOSYSTEM", "1")
    code, outputs, summary = _gate_with_llm(fake_anthropic, tmp_path, {"llm-gate": "false"})
    assert code == 0
    assert outputs["gate"] == "pass"
    assert "1 from the LLM analyst alone" in " ".join(summary.split())


def test_llm_gate_lets_the_analysts_threat_fail_the_gate(
    fake_anthropic: FakeAnthropic, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("GIT_CONFIG_NOSYSTEM", "1")
    code, outputs, summary = _gate_with_llm(fake_anthropic, tmp_path, {"llm-gate": "true"})
    assert code == 1
    assert outputs["gate"] == "fail"
    assert "Anyone can import customers into another user's account" in summary
