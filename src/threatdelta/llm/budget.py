"""The per-run budget of the LLM analyst: calls and tokens, checked before every call.

Calls are HTTP attempts (the SDK's retries count). Tokens are what the API reports in each
answer's `usage` (input, cache reads and writes, output). Before a call the budget must have
room for the prompt (estimated from its size) plus the call's whole `max_tokens`, so a run
never goes over `max_total_tokens` by more than the estimate's error. Elements are offered
in the context builder's risk order, so what the budget leaves out is the least risky.
"""

from __future__ import annotations

import math

from threatdelta.llm.settings import LlmSettings
from threatdelta.llm.usage import LlmUsage

CHARS_PER_TOKEN = 3.0  # conservative: English prose and code average 3.5-4 per token


def estimate_tokens(text: str) -> int:
    """An upper-leaning estimate of the tokens of `text` (no network, no tokenizer)."""
    return math.ceil(len(text) / CHARS_PER_TOKEN)


class LlmBudget:
    """What one run may still spend; the state lives on the instance."""

    def __init__(self, settings: LlmSettings) -> None:
        self._settings = settings
        self._calls = 0
        self._tokens = 0

    @property
    def calls(self) -> int:
        return self._calls

    @property
    def tokens(self) -> int:
        return self._tokens

    def refusal(self, estimated_input: int) -> str | None:
        """Why a call with a prompt of `estimated_input` tokens may not be made, or None."""
        settings = self._settings
        if self._calls >= settings.max_calls:
            return f"the call budget ({settings.max_calls} calls) is spent"
        if estimated_input > settings.max_input_tokens:
            return (
                f"its prompt (about {estimated_input} tokens) is over the per-call limit "
                f"of {settings.max_input_tokens}"
            )
        needed = estimated_input + settings.max_output_tokens_per_call
        if self._tokens + needed > settings.max_total_tokens:
            return (
                f"the token budget ({settings.max_total_tokens}) has {self.remaining} left, "
                f"less than this call may use ({needed})"
            )
        return None

    @property
    def remaining(self) -> int:
        return max(0, self._settings.max_total_tokens - self._tokens)

    def spend(self, usage: LlmUsage) -> None:
        """Record what a call cost (its attempts and its reported tokens)."""
        self._calls += usage.calls
        self._tokens += usage.total_tokens
