"""What `threatdelta ci` reads from the Actions runner: the action's inputs and the standard
environment.

The runner hands each input of `action.yml` to the action as an environment variable named
`INPUT_` + the input's name upper-cased, hyphens kept (`fail-on` -> `INPUT_FAIL-ON`); an input
the workflow does not set arrives as its `action.yml` default, or as an empty string when there
is none. Values are stripped of surrounding whitespace, like `@actions/core`'s `getInput`.
Every input is validated here; a bad value is a `ConfigError` naming the input, the value and
what is allowed (the command exits 2).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from enum import StrEnum
from pathlib import Path, PurePosixPath
from typing import TypeVar

from pydantic import SecretStr

from threatdelta.errors import ConfigError
from threatdelta.github.gate import FAIL_ON_CHOICES, INCOMPLETE_CONCLUSIONS
from threatdelta.model.base import Frozen

DEFAULT_API_URL = "https://api.github.com"
DEFAULT_CONFIG_PATH = ".threatdelta/config.yml"
DEFAULT_SARIF_CATEGORY = "threatdelta"
MAX_INLINE_LIMIT = 100  # GitHub accepts more per review; more than this is noise, not review
# GitHub's author_association values; commands are honoured from the first three by default
AUTHOR_ASSOCIATIONS = (
    "OWNER",
    "MEMBER",
    "COLLABORATOR",
    "CONTRIBUTOR",
    "FIRST_TIME_CONTRIBUTOR",
    "FIRST_TIMER",
    "MANNEQUIN",
    "NONE",
)
DEFAULT_COMMAND_ASSOCIATIONS = frozenset({"OWNER", "MEMBER", "COLLABORATOR"})
_TRUE, _FALSE = ("true", "True", "TRUE"), ("false", "False", "FALSE")

E = TypeVar("E", bound=StrEnum)


class CommentMode(StrEnum):
    REVIEW = "review"  # inline review comments and the summary comment
    SUMMARY_ONLY = "summary-only"  # the summary comment only
    OFF = "off"  # no comment at all


class CheckMode(StrEnum):
    CHECK = "check"  # a check run named `threatdelta`
    STATUS = "status"  # a commit status with context `threatdelta`
    OFF = "off"


class SarifMode(StrEnum):
    UPLOAD = "upload"  # write the file and upload it to code scanning
    FILE = "file"  # write the file only (for github/codeql-action/upload-sarif)
    OFF = "off"  # neither


class ActionInputs(Frozen):
    """The inputs of `action.yml`, validated. Defaults are the ones `action.yml` declares."""

    github_token: SecretStr = SecretStr("")
    anthropic_api_key: SecretStr = SecretStr("")
    fail_on: str = "high"
    soft_fail: bool = False
    llm_gate: bool = False  # threats of the AI analyst alone may fail the gate
    incomplete_conclusion: str = "neutral"
    comment_mode: CommentMode = CommentMode.REVIEW
    max_inline_comments: int = 15
    check_mode: CheckMode = CheckMode.CHECK
    sarif: SarifMode = SarifMode.UPLOAD
    sarif_category: str = DEFAULT_SARIF_CATEGORY
    config_path: str = DEFAULT_CONFIG_PATH
    command_associations: frozenset[str] = DEFAULT_COMMAND_ASSOCIATIONS


class ActionEnv(Frozen):
    """The standard variables of a GitHub Actions job that `threatdelta ci` uses."""

    event_name: str
    event_path: Path
    repository: str  # owner/name
    sha: str
    ref: str = ""
    api_url: str = DEFAULT_API_URL  # GitHub Enterprise Server: https://HOST/api/v3
    output_path: Path | None = None  # $GITHUB_OUTPUT
    step_summary_path: Path | None = None  # $GITHUB_STEP_SUMMARY
    workspace: Path
    server_url: str = "https://github.com"  # $GITHUB_SERVER_URL
    run_id: str = ""  # $GITHUB_RUN_ID

    @property
    def run_url(self) -> str | None:
        """The page of this workflow run (the check's details link), when known."""
        if not self.run_id.isdigit():
            return None
        return f"{self.server_url}/{self.repository}/actions/runs/{self.run_id}"


def _input(env: Mapping[str, str], name: str) -> str:
    return env.get(f"INPUT_{name.upper()}", "").strip()


def _choice(env: Mapping[str, str], name: str, choices: tuple[str, ...], default: str) -> str:
    value = _input(env, name) or default
    if value not in choices:
        raise ConfigError(f"input {name} must be one of {', '.join(choices)}, not {value!r}")
    return value


def _enum(env: Mapping[str, str], name: str, kind: type[E], default: E) -> E:
    return kind(_choice(env, name, tuple(m.value for m in kind), default.value))


def _boolean(env: Mapping[str, str], name: str, default: bool) -> bool:
    value = _input(env, name)
    if not value:
        return default
    if value in _TRUE or value in _FALSE:
        return value in _TRUE
    raise ConfigError(f"input {name} must be true or false, not {value!r}")


def bounded_count(value: str, name: str, *, low: int = 0, high: int = MAX_INLINE_LIMIT) -> int:
    """An integer in [low, high], or a `ConfigError` naming `name`."""
    try:
        number = int(value, 10)
    except ValueError:
        raise ConfigError(f"{name} must be a whole number, not {value!r}") from None
    if not low <= number <= high:
        raise ConfigError(f"{name} must be between {low} and {high}, not {number}")
    return number


def _category(env: Mapping[str, str]) -> str:
    value = _input(env, "sarif-category") or DEFAULT_SARIF_CATEGORY
    if len(value) > 255 or any(not c.isprintable() for c in value):
        raise ConfigError("input sarif-category must be printable text of at most 255 characters")
    return value


def repository_path(value: str, name: str) -> str:
    """A relative POSIX path that stays inside the repository (no `..`, not absolute)."""
    path = PurePosixPath(value)
    if not value or path.is_absolute() or ".." in path.parts or "\\" in value or "\0" in value:
        raise ConfigError(f"{name} must be a relative path inside the repository, not {value!r}")
    return path.as_posix()


def _associations(env: Mapping[str, str]) -> frozenset[str]:
    """`command-associations`: author associations separated by commas or spaces."""
    value = _input(env, "command-associations")
    names = frozenset(n.strip().upper() for n in re.split(r"[,\s]+", value) if n.strip())
    unknown = sorted(names - frozenset(AUTHOR_ASSOCIATIONS))
    if unknown:
        raise ConfigError(
            f"input command-associations must list some of {', '.join(AUTHOR_ASSOCIATIONS)}, "
            f"not {', '.join(map(repr, unknown))}"
        )
    return names or DEFAULT_COMMAND_ASSOCIATIONS


def read_inputs(env: Mapping[str, str]) -> ActionInputs:
    """The action inputs from `INPUT_*` variables; a `ConfigError` for a bad value."""
    inline = _input(env, "max-inline-comments")
    return ActionInputs(
        github_token=SecretStr(_input(env, "github-token")),
        anthropic_api_key=SecretStr(_input(env, "anthropic-api-key")),
        fail_on=_choice(env, "fail-on", FAIL_ON_CHOICES, "high"),
        soft_fail=_boolean(env, "soft-fail", default=False),
        llm_gate=_boolean(env, "llm-gate", default=False),
        incomplete_conclusion=_choice(
            env, "incomplete-conclusion", INCOMPLETE_CONCLUSIONS, "neutral"
        ),
        comment_mode=_enum(env, "comment-mode", CommentMode, CommentMode.REVIEW),
        max_inline_comments=bounded_count(inline, "input max-inline-comments") if inline else 15,
        check_mode=_enum(env, "check-mode", CheckMode, CheckMode.CHECK),
        sarif=_enum(env, "sarif", SarifMode, SarifMode.UPLOAD),
        sarif_category=_category(env),
        config_path=repository_path(
            _input(env, "config-path") or DEFAULT_CONFIG_PATH, "input config-path"
        ),
        command_associations=_associations(env),
    )


def _required(env: Mapping[str, str], name: str) -> str:
    value = env.get(name, "").strip()
    if not value:
        raise ConfigError(
            f"{name} is not set: `threatdelta ci` runs inside a GitHub Actions job "
            "(use `threatdelta diff` or `threatdelta scan` elsewhere)"
        )
    return value


def _optional_path(env: Mapping[str, str], name: str) -> Path | None:
    value = env.get(name, "").strip()
    return Path(value) if value else None


def _checked(value: str, name: str, valid: Callable[[str], bool], what: str) -> str:
    if not valid(value):
        raise ConfigError(f"{name} must be {what}, not {value!r}")
    return value


def _is_repository(value: str) -> bool:
    owner, _, name = value.partition("/")
    return bool(owner) and bool(name) and "/" not in name and value.isprintable()


def _is_http_url(value: str) -> bool:
    return value.startswith(("https://", "http://")) and value.isprintable() and " " not in value


def read_env(env: Mapping[str, str]) -> ActionEnv:
    """The Actions environment; a `ConfigError` when a required variable is missing."""
    api_url = env.get("GITHUB_API_URL", "").strip() or DEFAULT_API_URL
    return ActionEnv(
        event_name=_required(env, "GITHUB_EVENT_NAME"),
        event_path=Path(_required(env, "GITHUB_EVENT_PATH")),
        repository=_checked(
            _required(env, "GITHUB_REPOSITORY"), "GITHUB_REPOSITORY", _is_repository, "owner/name"
        ),
        sha=_required(env, "GITHUB_SHA"),
        ref=env.get("GITHUB_REF", "").strip(),
        api_url=_checked(api_url.rstrip("/"), "GITHUB_API_URL", _is_http_url, "an http(s) URL"),
        output_path=_optional_path(env, "GITHUB_OUTPUT"),
        step_summary_path=_optional_path(env, "GITHUB_STEP_SUMMARY"),
        workspace=Path(_required(env, "GITHUB_WORKSPACE")),
        server_url=_checked(
            (env.get("GITHUB_SERVER_URL", "").strip() or "https://github.com").rstrip("/"),
            "GITHUB_SERVER_URL",
            _is_http_url,
            "an http(s) URL",
        ),
        run_id=env.get("GITHUB_RUN_ID", "").strip(),
    )
