"""LLM settings from the environment and the command line."""

from __future__ import annotations

import pytest

from threatdelta.errors import UsageError
from threatdelta.llm.settings import DEFAULT_MODEL, LlmOverrides, LlmSettings, from_env

KEY = "sk-ant-secret-value-42"


def test_off_unless_asked_even_with_a_key_in_the_environment() -> None:
    settings = from_env({"ANTHROPIC_API_KEY": KEY}, LlmOverrides())
    assert settings == LlmSettings()
    assert not settings.enabled


def test_on_with_the_key_base_url_and_model_from_the_environment() -> None:
    env = {
        "ANTHROPIC_API_KEY": KEY,
        "ANTHROPIC_BASE_URL": "http://127.0.0.1:1234",
        "THREATDELTA_LLM_MODEL": "claude-haiku-4-5",
    }
    settings = from_env(env, LlmOverrides(enabled=True))
    assert settings.enabled
    assert settings.api_key.get_secret_value() == KEY
    assert settings.base_url == "http://127.0.0.1:1234"
    assert settings.model == "claude-haiku-4-5"
    assert not settings.gate_llm_threats


def test_command_line_flags_win_over_the_environment() -> None:
    env = {"ANTHROPIC_API_KEY": KEY, "THREATDELTA_LLM_MODEL": "claude-haiku-4-5"}
    flags = LlmOverrides(enabled=True, model="claude-opus-5", max_calls=3, max_total_tokens=9)
    settings = from_env(env, flags)
    assert (settings.model, settings.max_calls, settings.max_total_tokens) == (
        "claude-opus-5",
        3,
        9,
    )


def test_default_model_when_nothing_names_one() -> None:
    settings = from_env({"ANTHROPIC_API_KEY": KEY}, LlmOverrides(enabled=True))
    assert settings.model == DEFAULT_MODEL
    assert settings.base_url is None


def test_asking_for_the_analyst_without_a_key_is_a_usage_error() -> None:
    with pytest.raises(UsageError, match="ANTHROPIC_API_KEY"):
        from_env({}, LlmOverrides(enabled=True))


def test_negative_budget_flag_is_a_usage_error() -> None:
    with pytest.raises(UsageError, match="--llm-max-calls"):
        from_env({"ANTHROPIC_API_KEY": KEY}, LlmOverrides(enabled=True, max_calls=-1))


def test_the_key_never_shows_in_a_dump_or_repr() -> None:
    settings = from_env({"ANTHROPIC_API_KEY": KEY}, LlmOverrides(enabled=True))
    assert KEY not in repr(settings)
    assert KEY not in settings.model_dump_json()
    assert KEY not in str(settings.model_dump())
