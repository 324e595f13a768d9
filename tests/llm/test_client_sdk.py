"""The LLM client against the fake Messages API, through the real `anthropic` SDK."""

from __future__ import annotations

import json

from fake_anthropic import FakeAnthropic, fake_anthropic, replies
from pydantic import SecretStr

from threatdelta.llm.client import Incomplete, LlmClient, Status
from threatdelta.llm.settings import LlmSettings

__all__ = ["fake_anthropic"]
KEY = "sk-ant-test-key-0123456789"


def _client(fake: FakeAnthropic, **changes: object) -> LlmClient:
    settings = LlmSettings(
        enabled=True,
        api_key=SecretStr(KEY),
        base_url=fake.url,
        max_retries=2,
        timeout_s=10,
    ).model_copy(update=changes)
    return LlmClient(settings)


def test_answer_is_structured_output_with_cached_system_prompt(
    fake_anthropic: FakeAnthropic,
) -> None:
    fake_anthropic.script([replies.no_issues()])
    outcome = _client(fake_anthropic).ask("SYSTEM PROMPT", "the element")
    assert outcome.status is Status.ANSWERED
    assert json.loads(outcome.text) == {"threats": []}
    (request,) = fake_anthropic.requests
    body = request.body
    assert request.path == "/v1/messages"
    assert body["system"] == [
        {"type": "text", "text": "SYSTEM PROMPT", "cache_control": {"type": "ephemeral"}}
    ]
    assert body["messages"] == [{"role": "user", "content": "the element"}]
    assert body["output_config"]["format"]["type"] == "json_schema"
    assert "threats" in body["output_config"]["format"]["schema"]["properties"]
    assert "tools" not in body  # the model is offered nothing that acts
    for sampling in ("temperature", "top_p", "top_k"):  # rejected by the API version sent
        assert sampling not in body
    assert body["max_tokens"] == LlmSettings().max_output_tokens_per_call
    assert body["model"] == LlmSettings().model
    assert request.headers["authorization"] == f"Bearer {KEY}"


def test_usage_comes_from_the_response(fake_anthropic: FakeAnthropic) -> None:
    fake_anthropic.script([replies.no_issues()])
    outcome = _client(fake_anthropic).ask("S" * 400, "U" * 80)
    assert outcome.usage.calls == 1
    assert outcome.usage.input_tokens == 20
    assert outcome.usage.cache_write_tokens == 100
    assert outcome.usage.output_tokens > 0


def test_rate_limit_and_overload_are_retried_by_the_sdk(fake_anthropic: FakeAnthropic) -> None:
    fake_anthropic.script([replies.error(429), replies.error(529), replies.no_issues()])
    outcome = _client(fake_anthropic).ask("s", "u")
    assert outcome.status is Status.ANSWERED
    assert outcome.usage.calls == 3
    assert len(fake_anthropic.requests) == 3


def test_persistent_server_error_is_an_incomplete_api_error(
    fake_anthropic: FakeAnthropic,
) -> None:
    fake_anthropic.script([replies.error(500)] * 3)
    outcome = _client(fake_anthropic).ask("s", "u")
    assert outcome.status is Status.INCOMPLETE
    assert outcome.reason is Incomplete.API_ERROR
    assert outcome.persistent_failure
    assert "HTTP 500 (api_error) after 3 attempts" in outcome.detail
    assert outcome.usage.calls == 3
    assert KEY not in outcome.detail


def test_max_tokens_stop_is_incomplete_not_clean(fake_anthropic: FakeAnthropic) -> None:
    fake_anthropic.script([replies.max_tokens()])
    outcome = _client(fake_anthropic).ask("s", "u")
    assert outcome.status is Status.INCOMPLETE
    assert outcome.reason is Incomplete.MAX_TOKENS
    assert outcome.text == ""
    assert not outcome.persistent_failure


def test_refusal_is_incomplete_with_its_category(fake_anthropic: FakeAnthropic) -> None:
    fake_anthropic.script([replies.refusal()])
    outcome = _client(fake_anthropic).ask("s", "u")
    assert outcome.reason is Incomplete.REFUSAL
    assert "refusal (cyber)" in outcome.detail


def test_unreachable_api_is_an_api_error() -> None:
    settings = LlmSettings(
        enabled=True, api_key=SecretStr(KEY), base_url="http://127.0.0.1:9", max_retries=0
    )
    outcome = LlmClient(settings).ask("s", "u")
    assert outcome.reason is Incomplete.API_ERROR
    assert outcome.detail == "the API could not be reached"


def test_timeout_is_incomplete(fake_anthropic: FakeAnthropic) -> None:
    fake_anthropic.script([replies.slow(replies.no_issues(), 2.0)])
    outcome = _client(fake_anthropic, timeout_s=0.3, max_retries=0).ask("s", "u")
    assert outcome.status is Status.INCOMPLETE
    assert outcome.reason is Incomplete.TIMEOUT
    assert not outcome.persistent_failure


def test_a_tool_call_instead_of_an_answer_is_incomplete(fake_anthropic: FakeAnthropic) -> None:
    block = {"type": "tool_use", "id": "toolu_1", "name": "shell", "input": {"cmd": "ls"}}
    fake_anthropic.script([replies.message(content=[block], stop_reason="tool_use")])
    outcome = _client(fake_anthropic).ask("s", "u")
    assert outcome.reason is Incomplete.UNEXPECTED_STOP
    assert "tool_use" in outcome.detail
