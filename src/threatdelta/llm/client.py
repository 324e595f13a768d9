"""One call of the LLM analyst per element, through the real `anthropic` SDK.

- The client is `anthropic.Anthropic(api_key=, base_url=, max_retries=, timeout=)`: the
  SDK's own retries handle 429, 529, 5xx, connection errors and timeouts (it honours
  `retry-after` / `retry-after-ms`); no retry loop of ours around it.
- The system prompt (stable across elements) is one text block marked
  `cache_control: ephemeral`, so the API caches it between the calls of a run.
- The answer is structured output: `output_config.format` carries the JSON Schema generated
  from `LlmAnswer` (the wire format of `messages.parse`); validation happens in `answer.py`.
- No sampling parameter is sent: the SDK (2.x, API version 2026-10-21) removed
  `temperature`, `top_p` and `top_k`, and the API rejects them. Stability comes from the
  schema, the cache and grounding, not from a temperature of 0.
- No tools are offered: the model cannot act, only answer.
- Telemetry of the SDK is off (`open_telemetry=False`): prompts hold repository code.

Outcomes: answered, or incomplete with a reason (max_tokens, refusal, timeout, API error,
unexpected stop). Incomplete is never clean.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Any

import anthropic
from anthropic import APIRequest, APIResponse, Middleware
from anthropic._middleware import CallNext
from anthropic.types import Message

from threatdelta.llm.answer import answer_schema
from threatdelta.llm.settings import LlmSettings
from threatdelta.llm.usage import LlmUsage
from threatdelta.model.base import Frozen


class Status(StrEnum):
    ANSWERED = "answered"
    INCOMPLETE = "incomplete"


class Incomplete(StrEnum):
    MAX_TOKENS = "max_tokens"
    REFUSAL = "refusal"
    TIMEOUT = "timeout"
    API_ERROR = "api_error"
    UNEXPECTED_STOP = "unexpected_stop"


class CallOutcome(Frozen):
    status: Status
    reason: Incomplete | None = None
    detail: str = ""  # why, in one plain sentence (never the key, never the prompt)
    text: str = ""  # the answer's JSON text when answered
    usage: LlmUsage = LlmUsage()

    @property
    def persistent_failure(self) -> bool:
        """The API itself failed after the SDK's retries: further calls would fail too."""
        return self.reason is Incomplete.API_ERROR


class _AttemptCounter(Middleware):
    """Counts HTTP attempts: the SDK runs middleware once per attempt, retries included."""

    def __init__(self) -> None:
        self.attempts = 0

    def handle(self, request: APIRequest, call_next: CallNext) -> APIResponse[Any]:
        self.attempts += 1
        return call_next(request)


_STOPS = {
    "max_tokens": Incomplete.MAX_TOKENS,
    "model_context_window_exceeded": Incomplete.MAX_TOKENS,
    "refusal": Incomplete.REFUSAL,
}


def _usage(message: Message, attempts: int) -> LlmUsage:
    usage = message.usage
    return LlmUsage(
        calls=attempts,
        input_tokens=usage.input_tokens,
        output_tokens=usage.output_tokens,
        cache_read_tokens=usage.cache_read_input_tokens or 0,
        cache_write_tokens=usage.cache_creation_input_tokens or 0,
    )


def _outcome(message: Message, attempts: int) -> CallOutcome:
    usage = _usage(message, attempts)
    stop = message.stop_reason or "none"
    if stop == "end_turn":
        text = "".join(block.text for block in message.content if block.type == "text")
        return CallOutcome(status=Status.ANSWERED, text=text, usage=usage)
    reason = _STOPS.get(stop, Incomplete.UNEXPECTED_STOP)
    detail = f"the model stopped with {stop}"
    if message.stop_details is not None and message.stop_details.category:
        detail += f" ({message.stop_details.category})"
    return CallOutcome(status=Status.INCOMPLETE, reason=reason, detail=detail, usage=usage)


def _failure(exc: anthropic.APIError, attempts: int) -> CallOutcome:
    if isinstance(exc, anthropic.APITimeoutError):
        reason, detail = Incomplete.TIMEOUT, "the request timed out"
    elif isinstance(exc, anthropic.APIStatusError):
        kind = exc.type or "error"
        reason, detail = Incomplete.API_ERROR, f"the API answered HTTP {exc.status_code} ({kind})"
    elif isinstance(exc, anthropic.APIConnectionError):
        reason, detail = Incomplete.API_ERROR, "the API could not be reached"
    else:
        reason, detail = Incomplete.API_ERROR, f"the API call failed ({type(exc).__name__})"
    if attempts > 1:
        detail += f" after {attempts} attempts"
    return CallOutcome(
        status=Status.INCOMPLETE, reason=reason, detail=detail, usage=LlmUsage(calls=attempts)
    )


class LlmClient:
    """The analyst's connection to the Messages API, for one run."""

    def __init__(self, settings: LlmSettings) -> None:
        self._settings = settings
        self._counter = _AttemptCounter()
        self._client = anthropic.Anthropic(
            api_key=settings.api_key.get_secret_value(),
            base_url=settings.base_url,
            max_retries=settings.max_retries,
            timeout=settings.timeout_s,
            open_telemetry=False,
            middleware=[self._counter],
        )
        self._schema = answer_schema()

    def ask(self, system: str, user: str) -> CallOutcome:
        """One element's analysis: `system` is the stable (cached) prompt, `user` the
        element's context."""
        self._counter.attempts = 0
        try:
            message = self._client.messages.create(
                model=self._settings.model,
                max_tokens=self._settings.max_output_tokens_per_call,
                system=[{"type": "text", "text": system, "cache_control": {"type": "ephemeral"}}],
                messages=[{"role": "user", "content": user}],
                output_config={"format": {"type": "json_schema", "schema": self._schema}},
            )
        except anthropic.APIError as exc:
            return _failure(exc, max(1, self._counter.attempts))
        return _outcome(message, max(1, self._counter.attempts))

    def close(self) -> None:
        self._client.close()
