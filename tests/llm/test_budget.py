"""The per-run call and token budget."""

from __future__ import annotations

from threatdelta.llm.budget import LlmBudget, estimate_tokens
from threatdelta.llm.settings import LlmSettings
from threatdelta.llm.usage import LlmUsage


def test_estimate_rounds_up() -> None:
    assert estimate_tokens("") == 0
    assert estimate_tokens("abcd") == 2


def test_call_budget_counts_retries() -> None:
    budget = LlmBudget(LlmSettings(max_calls=3))
    assert budget.refusal(10) is None
    budget.spend(LlmUsage(calls=3, input_tokens=5, output_tokens=5))
    assert budget.refusal(10) == "the call budget (3 calls) is spent"


def test_tokens_must_leave_room_for_the_whole_answer() -> None:
    settings = LlmSettings(max_total_tokens=1_000, max_output_tokens_per_call=400)
    budget = LlmBudget(settings)
    assert budget.refusal(600) is None
    budget.spend(LlmUsage(calls=1, input_tokens=300, cache_read_tokens=100, output_tokens=100))
    assert budget.tokens == 500
    refusal = budget.refusal(101)
    assert refusal is not None and "has 500 left" in refusal
    assert budget.refusal(100) is None


def test_oversized_prompt_is_refused_on_its_own() -> None:
    budget = LlmBudget(LlmSettings(max_input_tokens=50))
    refusal = budget.refusal(51)
    assert refusal is not None and "over the per-call limit of 50" in refusal


def test_usage_adds_up_and_totals_every_billed_token() -> None:
    one = LlmUsage(calls=1, input_tokens=10, output_tokens=2, cache_read_tokens=3)
    two = LlmUsage(calls=2, cache_write_tokens=4, cached_answers=1, not_analysed=2)
    total = one.plus(two)
    assert total.calls == 3 and total.cached_answers == 1 and total.not_analysed == 2
    assert total.total_tokens == 19
    assert "3 call(s), 10 input + 2 output tokens" in total.line()
