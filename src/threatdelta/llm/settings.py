"""Settings of the optional LLM analyst: switch, key, model, endpoint and budget knobs.

The default model name lives here and nowhere else. The key is a `SecretStr`: its repr and
every dump show `**********`, never the value. `from_env` reads the standard variables of
the `anthropic` SDK (`ANTHROPIC_API_KEY`, `ANTHROPIC_BASE_URL`) plus `THREATDELTA_LLM_MODEL`,
then applies what the command line or the Action set explicitly (`LlmOverrides`).
"""

from __future__ import annotations

from collections.abc import Mapping

from pydantic import Field, SecretStr

from threatdelta.errors import UsageError
from threatdelta.model.base import Frozen

DEFAULT_MODEL = "claude-sonnet-5-5"
KEY_VARIABLE = "ANTHROPIC_API_KEY"
BASE_URL_VARIABLE = "ANTHROPIC_BASE_URL"
MODEL_VARIABLE = "THREATDELTA_LLM_MODEL"


class LlmSettings(Frozen):
    """Everything the analyst needs; `enabled` False means no client is ever built."""

    enabled: bool = False
    api_key: SecretStr = SecretStr("")
    model: str = Field(default=DEFAULT_MODEL, min_length=1, max_length=200)
    base_url: str | None = None  # None: the SDK's default endpoint
    max_calls: int = Field(default=25, ge=0)  # HTTP attempts per run, retries included
    max_input_tokens: int = Field(default=30_000, ge=1)  # largest prompt sent in one call
    max_output_tokens_per_call: int = Field(default=8_192, ge=1)  # the call's max_tokens
    max_total_tokens: int = Field(default=400_000, ge=0)  # input + output per run
    timeout_s: float = Field(default=120.0, gt=0)
    max_retries: int = Field(default=2, ge=0, le=10)  # the SDK's retries (429, 529, 5xx, ...)
    gate_llm_threats: bool = False  # may an LLM threat alone fail the gate?


class LlmOverrides(Frozen):
    """What the command line (or the Action) sets explicitly; None leaves the default."""

    enabled: bool = False
    api_key: str | None = None
    model: str | None = None
    max_calls: int | None = None
    max_total_tokens: int | None = None
    gate_llm_threats: bool | None = None


def _positive(value: int | None, name: str) -> int | None:
    if value is not None and value < 0:
        raise UsageError(f"{name} must not be negative, not {value}")
    return value


def _updates(env: Mapping[str, str], overrides: LlmOverrides) -> dict[str, object]:
    model = overrides.model or env.get(MODEL_VARIABLE, "").strip() or None
    values: dict[str, object] = {
        "model": model,
        "base_url": env.get(BASE_URL_VARIABLE, "").strip() or None,
        "max_calls": _positive(overrides.max_calls, "--llm-max-calls"),
        "max_total_tokens": _positive(overrides.max_total_tokens, "--llm-max-tokens"),
        "gate_llm_threats": overrides.gate_llm_threats,
    }
    return {name: value for name, value in values.items() if value is not None}


def from_env(env: Mapping[str, str], overrides: LlmOverrides) -> LlmSettings:
    """The analyst's settings; disabled unless `overrides.enabled`. Enabled without a key
    (neither given nor in `ANTHROPIC_API_KEY`) is a `UsageError`: the user asked for it."""
    if not overrides.enabled:
        return LlmSettings()
    key = (overrides.api_key or env.get(KEY_VARIABLE, "")).strip()
    if not key:
        raise UsageError(f"the LLM analyst needs an API key: set {KEY_VARIABLE}")
    return LlmSettings.model_validate(
        {"enabled": True, "api_key": SecretStr(key), **_updates(env, overrides)}
    )
