"""The settings file is read from the base commit, never from the pull request's head."""

from __future__ import annotations

from pathlib import Path

import git
import pytest
from ci_repo import build_pr_repository

from threatdelta.errors import ConfigError
from threatdelta.github.base_config import RepoConfig, parse_config, read_config
from threatdelta.github.settings import ActionInputs

CONFIG = ".threatdelta/config.yml"


@pytest.fixture(autouse=True)
def _no_system_git_config(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("GIT_CONFIG_NOSYSTEM", "1")


def test_the_file_values_override_the_inputs_and_the_rest_stay() -> None:
    config = parse_config(
        "version: 1\nfail-on: critical\nsoft-fail: false\nmax-inline-comments: 4\n", CONFIG
    )
    inputs = ActionInputs(fail_on="low", soft_fail=True, incomplete_conclusion="failure")
    merged = config.apply(inputs)
    assert (merged.fail_on, merged.soft_fail, merged.max_inline_comments) == ("critical", False, 4)
    assert merged.incomplete_conclusion == "failure"


def test_the_file_can_let_the_analysts_threats_fail_the_gate() -> None:
    merged = parse_config("llm-gate: true\n", CONFIG).apply(ActionInputs())
    assert merged.llm_gate is True
    with pytest.raises(ConfigError, match="llm-gate: Input should be a valid boolean"):
        parse_config("llm-gate: yes\n", CONFIG)


def test_an_empty_file_sets_nothing() -> None:
    assert parse_config("", CONFIG) == RepoConfig()
    assert parse_config("# only a comment\n", CONFIG).overrides() == {}


@pytest.mark.parametrize(
    ("text", "said"),
    [
        ("fail_on: high\n", "unknown key 'fail_on'"),
        ("fail-on: severe\n", "fail-on: Value error, must be one of none, low"),
        ("soft-fail: yes\n", "soft-fail: Input should be a valid boolean"),
        ("max-inline-comments: '4'\n", "max-inline-comments: Input should be a valid integer"),
        ("max-inline-comments: 1000\n", "max-inline-comments: Input should be less than"),
        ("incomplete-conclusion: success\n", "incomplete-conclusion"),
        ("version: 2\n", "version: Input should be 1"),
        ("- fail-on\n", "a mapping of settings expected"),
        ("fail-on: [high\n", "YAML syntax error"),
        ("a: 1\n---\nb: 2\n", "one YAML document expected"),
        ("x: !!python/object:os.system echo\n", "unknown key 'x'"),
    ],
)
def test_an_invalid_file_is_a_config_error_that_says_what_is_wrong(text: str, said: str) -> None:
    with pytest.raises(ConfigError, match=said) as caught:
        parse_config(text, CONFIG)
    assert str(caught.value).startswith(f"{CONFIG} (base commit): ")


def test_the_base_commit_file_is_read_and_the_pr_head_edit_is_ignored(tmp_path: Path) -> None:
    pr = build_pr_repository(
        tmp_path / "repo",
        base_files={CONFIG: "fail-on: medium\n"},
        head_files={CONFIG: "fail-on: none\nsoft-fail: true\n"},
    )
    at_base = read_config(pr.path, pr.base_sha, CONFIG)
    assert at_base is not None
    assert at_base.overrides() == {"fail_on": "medium"}


def test_a_file_added_only_by_the_pull_request_does_not_exist_at_base(tmp_path: Path) -> None:
    pr = build_pr_repository(tmp_path / "repo", head_files={CONFIG: "fail-on: none\n"})
    assert read_config(pr.path, pr.base_sha, CONFIG) is None


def test_a_binary_file_at_base_is_a_config_error(tmp_path: Path) -> None:
    pr = build_pr_repository(tmp_path / "repo", base_files={CONFIG: "fail-on: high\n"})
    (pr.path / CONFIG).write_bytes(b"\xff\xfe\x00bad")
    repo = git.Repo(pr.path)
    repo.git.checkout("--quiet", "main")
    repo.git.commit("--quiet", "-am", "binary config")
    commit = repo.head.commit.hexsha
    repo.close()
    with pytest.raises(ConfigError, match="not UTF-8 text"):
        read_config(pr.path, commit, CONFIG)
