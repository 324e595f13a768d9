"""The analyst over a real rule report, against the fake Messages API (real SDK, real HTTP)."""

from __future__ import annotations

import json
from pathlib import Path

from analyst_helpers import APPROVE, REFUNDS, SECRETS, files_of, rules_report, run_analyst
from fake_anthropic import FakeAnthropic, fake_anthropic, replies

from threatdelta.findings.threat import Confidence, Severity, Stride, Threat, ThreatSource
from threatdelta.llm.context import build_contexts
from threatdelta.llm.grounding import LLM_LABEL
from threatdelta.llm.prompts import CLOSE_DELIMITER, OPEN_DELIMITER, PROMPT_VERSION
from threatdelta.report import ScanReport

__all__ = ["fake_anthropic"]
QUOTE = 'refund["approved_by"] = current_user.id'
SELF_APPROVAL = replies.threat(APPROVE, "shop/app.py", 20, 20, QUOTE)
ANALYSED = 5  # 3 endpoints, the internet and its flow into the service


def _by_element(fake: FakeAnthropic, answers: dict[str, replies.Reply]) -> None:
    fake.respond_with(replies.by_element(answers))


def _llm_threats(report: ScanReport) -> list[Threat]:
    return [t for t in report.threats if t.source is ThreatSource.LLM]


def test_grounded_threat_is_added_labelled_and_scored_by_us(
    fake_anthropic: FakeAnthropic, tmp_path: Path
) -> None:
    _by_element(fake_anthropic, {APPROVE: replies.answer([SELF_APPROVAL])})
    report = run_analyst(fake_anthropic, tmp_path / "cache")
    (threat,) = _llm_threats(report)
    assert threat.rule_id == "TD-AI001"
    assert threat.title.endswith(LLM_LABEL)
    assert threat.element == APPROVE
    assert threat.stride == (Stride.ELEVATION_OF_PRIVILEGE,)
    assert threat.cvss_vector == "CVSS:3.1/AV:N/AC:L/PR:L/UI:N/S:U/C:H/I:H/A:N"
    assert threat.severity is Severity.HIGH  # the model suggested critical
    assert threat.confidence is Confidence.MEDIUM
    assert threat.cwe == (285,)
    assert threat.evidence[0].location.start_line == 20
    assert "TD-AI001" in {r.id for r in report.rules}
    assert report.llm is not None
    assert (report.llm.model, report.llm.prompt_version) == ("claude-sonnet-5-5", PROMPT_VERSION)
    assert report.llm.usage.calls == ANALYSED
    assert report.llm.not_analysed == ()
    rules_only = rules_report(REFUNDS)
    assert [t for t in report.threats if t.source is ThreatSource.RULE] == list(rules_only.threats)


def test_the_same_answer_gives_the_same_threat_id(
    fake_anthropic: FakeAnthropic, tmp_path: Path
) -> None:
    _by_element(fake_anthropic, {APPROVE: replies.answer([SELF_APPROVAL])})
    first = _llm_threats(run_analyst(fake_anthropic, None))
    second = _llm_threats(run_analyst(fake_anthropic, None))
    assert [t.id for t in first] == [t.id for t in second]


def _dropped(fake: FakeAnthropic, threat: dict[str, object], tmp_path: Path) -> list[str]:
    _by_element(fake, {APPROVE: replies.answer([threat])})
    report = run_analyst(fake, tmp_path / "cache")
    assert _llm_threats(report) == []
    return [n.message for n in report.notifications if n.code == "llm-threat-ungrounded"]


def test_unknown_element_is_dropped(fake_anthropic: FakeAnthropic, tmp_path: Path) -> None:
    made_up = replies.threat("endpoint:POST /admin/refunds", "shop/app.py", 20, 20, QUOTE)
    (message,) = _dropped(fake_anthropic, made_up, tmp_path)
    assert "its element is not in the model" in message


def test_lines_outside_what_was_shown_are_dropped(
    fake_anthropic: FakeAnthropic, tmp_path: Path
) -> None:
    outside = replies.threat(APPROVE, "shop/app.py", 32, 33, "def request_refund():")
    (message,) = _dropped(fake_anthropic, outside, tmp_path)
    assert "outside the lines the analyst was shown" in message


def test_quote_that_is_not_at_the_lines_is_dropped(
    fake_anthropic: FakeAnthropic, tmp_path: Path
) -> None:
    invented = replies.threat(APPROVE, "shop/app.py", 20, 20, "if current_user.is_admin:")
    (message,) = _dropped(fake_anthropic, invented, tmp_path)
    assert "the quoted code is not at shop/app.py:20-20" in message


def test_repeat_of_a_rule_threat_is_dropped(fake_anthropic: FakeAnthropic, tmp_path: Path) -> None:
    repeat = replies.threat(APPROVE, "shop/app.py", 20, 20, QUOTE, stride=("R",))
    (message,) = _dropped(fake_anthropic, repeat, tmp_path)
    assert "repeats TD-R001" in message


def test_invalid_json_drops_the_answer_and_the_element_is_not_clean(
    fake_anthropic: FakeAnthropic, tmp_path: Path
) -> None:
    _by_element(fake_anthropic, {APPROVE: replies.message("I found these threats: ...")})
    report = run_analyst(fake_anthropic, tmp_path / "cache")
    assert _llm_threats(report) == []
    assert any(n.code == "llm-answer-invalid" for n in report.notifications)
    assert report.llm is not None and report.llm.not_analysed == (APPROVE,)
    assert report.llm.usage.incomplete == 1


def test_max_tokens_and_refusal_are_incomplete(
    fake_anthropic: FakeAnthropic, tmp_path: Path
) -> None:
    _by_element(
        fake_anthropic,
        {APPROVE: replies.max_tokens(), "endpoint:POST /refunds": replies.refusal()},
    )
    report = run_analyst(fake_anthropic, tmp_path / "cache")
    assert report.llm is not None
    assert set(report.llm.not_analysed) == {APPROVE, "endpoint:POST /refunds"}
    assert report.llm.usage.incomplete == 2
    notes = [n.message for n in report.notifications if n.code == "llm-analysis-incomplete"]
    assert any("(max_tokens)" in m for m in notes)
    assert any("(refusal)" in m for m in notes)
    again = run_analyst(fake_anthropic, tmp_path / "cache")  # incomplete is never cached
    assert again.llm is not None and again.llm.usage.cached_answers == ANALYSED - 2


def test_rate_limit_and_overload_are_retried_then_answered(
    fake_anthropic: FakeAnthropic, tmp_path: Path
) -> None:
    fake_anthropic.script([replies.error(429), replies.error(529)])
    _by_element(fake_anthropic, {APPROVE: replies.answer([SELF_APPROVAL])})
    report = run_analyst(fake_anthropic, tmp_path / "cache")
    assert len(_llm_threats(report)) == 1
    assert report.llm is not None and report.llm.usage.calls == ANALYSED + 2
    assert report.llm.not_analysed == ()


def test_persistent_server_error_leaves_a_rules_only_report_that_says_so(
    fake_anthropic: FakeAnthropic, tmp_path: Path
) -> None:
    fake_anthropic.respond_with(lambda request: replies.error(500))
    report = run_analyst(fake_anthropic, tmp_path / "cache", max_retries=2)
    assert len(fake_anthropic.requests) == 3  # one element, the SDK's 2 retries, then stop
    assert list(report.threats) == list(rules_report(REFUNDS).threats)
    assert report.llm is not None and len(report.llm.not_analysed) == ANALYSED
    (failed,) = [n for n in report.notifications if n.code == "llm-analyst-failed"]
    assert "rules-only" in failed.message and "HTTP 500" in failed.message


def test_requests_carry_no_secret_and_quote_code_inside_the_delimiters(
    fake_anthropic: FakeAnthropic, tmp_path: Path
) -> None:
    run_analyst(fake_anthropic, tmp_path / "cache")
    assert len(fake_anthropic.requests) == ANALYSED
    for request in fake_anthropic.requests:
        for secret in SECRETS:
            assert secret not in request.raw
        assert "sk-ant-test" not in request.raw  # the key only travels in a header
    (approve,) = [r for r in fake_anthropic.requests if replies.element_of(r.user_text) == APPROVE]
    text = approve.user_text
    opened, closed = text.index(OPEN_DELIMITER), text.index(CLOSE_DELIMITER)
    assert opened < text.index(QUOTE) < closed
    assert opened < text.index("Customers must never approve their own refunds") < closed
    assert "[REDACTED:" in text[opened:closed]


def test_call_budget_stops_calls_and_lists_what_was_left_out(
    fake_anthropic: FakeAnthropic, tmp_path: Path
) -> None:
    report = run_analyst(fake_anthropic, tmp_path / "cache", max_calls=2)
    assert len(fake_anthropic.requests) == 2
    assert report.llm is not None and len(report.llm.not_analysed) == ANALYSED - 2
    assert report.llm.usage.not_analysed == ANALYSED - 2
    (note,) = [n for n in report.notifications if n.code == "llm-not-analysed"]
    assert "call budget (2 calls) is spent" in note.message
    asked = [replies.element_of(r.user_text) for r in fake_anthropic.requests]
    rules = rules_report(REFUNDS)
    contexts, _ = build_contexts(rules.model, rules.threats, files_of(REFUNDS, rules))
    assert asked == [c.element for c in contexts[:2]]  # the riskiest elements go first
    assert set(report.llm.not_analysed) == {c.element for c in contexts[2:]}


def test_token_budget_stops_calls(fake_anthropic: FakeAnthropic, tmp_path: Path) -> None:
    report = run_analyst(
        fake_anthropic, tmp_path / "cache", max_total_tokens=1_000, max_output_tokens_per_call=500
    )
    assert fake_anthropic.requests == []
    assert report.llm is not None and len(report.llm.not_analysed) == ANALYSED


def test_unchanged_elements_are_answered_from_the_cache(
    fake_anthropic: FakeAnthropic, tmp_path: Path
) -> None:
    _by_element(fake_anthropic, {APPROVE: replies.answer([SELF_APPROVAL])})
    first = run_analyst(fake_anthropic, tmp_path / "cache")
    sent = len(fake_anthropic.requests)
    second = run_analyst(fake_anthropic, tmp_path / "cache")
    assert len(fake_anthropic.requests) == sent  # nothing sent the second time
    assert second.llm is not None and second.llm.usage.cached_answers == ANALYSED
    assert second.llm.usage.calls == 0
    assert second.threats == first.threats


def test_other_model_does_not_reuse_the_cache(
    fake_anthropic: FakeAnthropic, tmp_path: Path
) -> None:
    run_analyst(fake_anthropic, tmp_path / "cache")
    run_analyst(fake_anthropic, tmp_path / "cache", model="claude-opus-5")
    assert len(fake_anthropic.requests) == 2 * ANALYSED
    assert json.loads(fake_anthropic.requests[-1].raw)["model"] == "claude-opus-5"
