"""Action inputs and the Actions environment, read the way the runner passes them."""

from __future__ import annotations

from pathlib import Path

import pytest

from threatdelta.errors import ConfigError
from threatdelta.github.settings import (
    DEFAULT_API_URL,
    ActionInputs,
    CheckMode,
    CommentMode,
    SarifMode,
    read_env,
    read_inputs,
)

ACTIONS_ENV = {
    "GITHUB_EVENT_NAME": "pull_request",
    "GITHUB_EVENT_PATH": "/github/workflow/event.json",
    "GITHUB_REPOSITORY": "octo-org/octo-repo",
    "GITHUB_SHA": "a" * 40,
    "GITHUB_REF": "refs/pull/7/merge",
    "GITHUB_WORKSPACE": "/github/workspace",
}


def test_no_input_set_gives_the_action_yml_defaults() -> None:
    inputs = read_inputs({})
    assert inputs == ActionInputs()
    assert (inputs.fail_on, inputs.soft_fail, inputs.incomplete_conclusion) == (
        "high",
        False,
        "neutral",
    )
    assert inputs.comment_mode is CommentMode.REVIEW
    assert inputs.check_mode is CheckMode.CHECK
    assert inputs.sarif is SarifMode.UPLOAD
    assert inputs.max_inline_comments == 15
    assert inputs.config_path == ".threatdelta/config.yml"
    assert inputs.llm_gate is False


def test_llm_gate_is_read_like_the_other_booleans() -> None:
    assert read_inputs({"INPUT_LLM-GATE": " True "}).llm_gate is True
    assert read_inputs({"INPUT_LLM-GATE": "false"}).llm_gate is False
    with pytest.raises(ConfigError, match="input llm-gate must be true or false"):
        read_inputs({"INPUT_LLM-GATE": "on"})


def test_inputs_are_read_from_upper_case_names_with_hyphens_kept() -> None:
    env = {
        "INPUT_GITHUB-TOKEN": "ghs_secret",
        "INPUT_FAIL-ON": " critical ",
        "INPUT_SOFT-FAIL": "TRUE",
        "INPUT_INCOMPLETE-CONCLUSION": "failure",
        "INPUT_COMMENT-MODE": "summary-only",
        "INPUT_MAX-INLINE-COMMENTS": "3",
        "INPUT_CHECK-MODE": "status",
        "INPUT_SARIF": "file",
        "INPUT_SARIF-CATEGORY": "threatdelta/api",
        "INPUT_CONFIG-PATH": "ci/threatdelta.yaml",
        # the underscore spelling is not what the runner sets: it must be ignored
        "INPUT_FAIL_ON": "low",
    }
    inputs = read_inputs(env)
    assert inputs.github_token.get_secret_value() == "ghs_secret"
    assert inputs.fail_on == "critical"
    assert inputs.soft_fail is True
    assert inputs.incomplete_conclusion == "failure"
    assert inputs.comment_mode is CommentMode.SUMMARY_ONLY
    assert inputs.max_inline_comments == 3
    assert inputs.check_mode is CheckMode.STATUS
    assert inputs.sarif is SarifMode.FILE
    assert inputs.sarif_category == "threatdelta/api"
    assert inputs.config_path == "ci/threatdelta.yaml"


def test_the_token_never_appears_in_the_inputs_repr() -> None:
    inputs = read_inputs({"INPUT_GITHUB-TOKEN": "ghs_secret", "INPUT_ANTHROPIC-API-KEY": "sk-x"})
    assert "ghs_secret" not in repr(inputs)
    assert "sk-x" not in repr(inputs)


@pytest.mark.parametrize(
    ("name", "value", "said"),
    [
        ("FAIL-ON", "severe", "input fail-on must be one of none, low, medium, high, critical"),
        ("SOFT-FAIL", "yes", "input soft-fail must be true or false"),
        ("INCOMPLETE-CONCLUSION", "success", "input incomplete-conclusion must be one of"),
        ("COMMENT-MODE", "inline", "input comment-mode must be one of review, summary-only, off"),
        ("CHECK-MODE", "checks", "input check-mode must be one of check, status, off"),
        ("SARIF", "true", "input sarif must be one of upload, file, off"),
        ("MAX-INLINE-COMMENTS", "ten", "input max-inline-comments must be a whole number"),
        ("MAX-INLINE-COMMENTS", "-1", "input max-inline-comments must be between 0 and 100"),
        ("MAX-INLINE-COMMENTS", "101", "input max-inline-comments must be between 0 and 100"),
        ("CONFIG-PATH", "../outside.yml", "input config-path must be a relative path"),
        ("CONFIG-PATH", "/etc/threatdelta.yml", "input config-path must be a relative path"),
        ("SARIF-CATEGORY", "a\nb", "input sarif-category must be printable text"),
    ],
)
def test_a_bad_input_is_a_config_error_naming_it(name: str, value: str, said: str) -> None:
    with pytest.raises(ConfigError, match=said.replace("(", r"\(")):
        read_inputs({f"INPUT_{name}": value})


def test_the_actions_environment_is_read_with_defaults_for_optional_variables() -> None:
    env = read_env(ACTIONS_ENV)
    assert env.event_name == "pull_request"
    assert env.event_path == Path("/github/workflow/event.json")
    assert env.repository == "octo-org/octo-repo"
    assert env.workspace == Path("/github/workspace")
    assert env.api_url == DEFAULT_API_URL
    assert env.output_path is None
    assert env.step_summary_path is None


def test_an_enterprise_server_api_url_is_kept_without_its_trailing_slash() -> None:
    env = read_env(
        {
            **ACTIONS_ENV,
            "GITHUB_API_URL": "https://ghe.example.test/api/v3/",
            "GITHUB_OUTPUT": "/github/file_commands/set_output_1",
            "GITHUB_STEP_SUMMARY": "/github/file_commands/step_summary_1",
        }
    )
    assert env.api_url == "https://ghe.example.test/api/v3"
    assert env.output_path == Path("/github/file_commands/set_output_1")
    assert env.step_summary_path == Path("/github/file_commands/step_summary_1")


@pytest.mark.parametrize("missing", ["GITHUB_EVENT_NAME", "GITHUB_EVENT_PATH", "GITHUB_WORKSPACE"])
def test_outside_actions_a_missing_variable_says_where_ci_runs(missing: str) -> None:
    env = {k: v for k, v in ACTIONS_ENV.items() if k != missing}
    with pytest.raises(ConfigError, match=f"{missing} is not set: `threatdelta ci` runs inside"):
        read_env(env)


@pytest.mark.parametrize(
    ("name", "value"),
    [("GITHUB_REPOSITORY", "just-a-name"), ("GITHUB_API_URL", "ftp://example.test")],
)
def test_a_malformed_environment_variable_is_a_config_error(name: str, value: str) -> None:
    with pytest.raises(ConfigError, match=name):
        read_env({**ACTIONS_ENV, name: value})
