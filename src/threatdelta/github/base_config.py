"""The repository's threatdelta settings file, read from the trusted commit.

On a pull request the file is read from the **base** commit with git (`<base>:<path>`), never
from the work tree or the PR head: a pull request cannot switch off or soften its own review,
even when it edits the workflow that passes the action inputs. On a push it is read from the
pushed commit of the default branch. A value set in the file overrides the action input of the
same name. The format (YAML, loaded safely; every key optional):

```yaml
version: 1                      # the format version; 1 is the only one
fail-on: high                   # none | low | medium | high | critical
soft-fail: false                # true | false
llm-gate: false                 # true | false: the AI analyst's threats may fail the gate
incomplete-conclusion: neutral  # failure | neutral
max-inline-comments: 15         # 0..100
rules:                          # per rule: a severity override or disabled, with a reason
  TD-R001: {severity: medium, reason: "the gateway writes the audit log"}
  TD-D004: {disabled: true, reason: "rate limits are enforced by the CDN"}
```

`rules` is honoured by `threatdelta scan` and `threatdelta diff` too, which read the file
from the folder they analyse (`rule_policies_in`).

An unknown key, a wrong value or a file that does not parse is a `ConfigError` (exit 2): a
policy file that says something we cannot honour must not be silently ignored. A missing
file means "no overrides".
"""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from pydantic import Field, StrictBool, StrictInt, ValidationError, field_validator

from threatdelta.errors import ConfigError
from threatdelta.extractors.openapi.loader import load_structured
from threatdelta.extractors.openapi.tree import YamlMap
from threatdelta.github.gate import FAIL_ON_CHOICES
from threatdelta.github.settings import MAX_INLINE_LIMIT, ActionInputs
from threatdelta.model.base import Frozen, Notification
from threatdelta.register.policy import RulePolicy

MAX_CONFIG_BYTES = 64 * 1024


class RepoConfig(Frozen):
    """The settings file. `None` means "not set: the action input applies"."""

    version: Literal[1] = 1
    fail_on: str | None = Field(default=None, alias="fail-on")
    soft_fail: StrictBool | None = Field(default=None, alias="soft-fail")
    llm_gate: StrictBool | None = Field(default=None, alias="llm-gate")
    incomplete_conclusion: Literal["failure", "neutral"] | None = Field(
        default=None, alias="incomplete-conclusion"
    )
    max_inline_comments: StrictInt | None = Field(
        default=None, alias="max-inline-comments", ge=0, le=MAX_INLINE_LIMIT
    )
    rules: dict[str, RulePolicy] | None = None  # not an action input: the pipeline's policy

    @field_validator("fail_on")
    @classmethod
    def _known_severity(cls, value: str | None) -> str | None:
        if value is not None and value not in FAIL_ON_CHOICES:
            raise ValueError(f"must be one of {', '.join(FAIL_ON_CHOICES)}, not {value!r}")
        return value

    @field_validator("rules")
    @classmethod
    def _known_rules(cls, value: dict[str, RulePolicy] | None) -> dict[str, RulePolicy] | None:
        from threatdelta.rules.registry import RULES  # noqa: PLC0415 (the catalogue is large)

        known = {rule.SPEC.id for rule in RULES}
        unknown = sorted(set(value or {}) - known)
        if unknown:
            raise ValueError(f"unknown rule id(s): {', '.join(unknown)}")
        return value

    def overrides(self) -> dict[str, object]:
        """The values the file sets, by `ActionInputs` field name."""
        return {
            name: value
            for name, value in self.model_dump(exclude={"version", "rules"}).items()
            if value is not None
        }

    def apply(self, inputs: ActionInputs) -> ActionInputs:
        """The inputs with the file's values in place of theirs."""
        return inputs.model_copy(update=self.overrides())


def _problem(exc: ValidationError, path: str) -> str:
    parts = []
    for error in exc.errors()[:3]:
        where = ".".join(str(p) for p in error["loc"]) or "file"
        parts.append(
            f"unknown key {where!r}"
            if error["type"] == "extra_forbidden"
            else f"{where}: {error['msg']}"
        )
    return f"{path} (base commit): " + "; ".join(parts)


def parse_config(text: str, path: str) -> RepoConfig:
    """The settings in `text` (the file at `path`); a `ConfigError` when invalid."""
    loaded = load_structured(text, path)
    if isinstance(loaded, Notification):
        raise ConfigError(f"{path} (base commit): {loaded.message}")
    if len(loaded.documents) > 1:
        raise ConfigError(f"{path} (base commit): one YAML document expected")
    root = loaded.root
    if root is None:
        return RepoConfig()
    if not isinstance(root, YamlMap):
        raise ConfigError(f"{path} (base commit): a mapping of settings expected")
    try:
        return RepoConfig.model_validate(dict(root))
    except ValidationError as exc:
        raise ConfigError(_problem(exc, path)) from None


def rule_policies_in(root: Path, path: str = ".threatdelta/config.yml") -> dict[str, RulePolicy]:
    """The `rules` of the settings file in the folder `root` (for local scans and diffs);
    none when there is no file. A file that does not parse is a `ConfigError`."""
    file = root / path
    if not file.is_file():
        return {}
    try:
        text = file.read_bytes()[: MAX_CONFIG_BYTES + 1].decode("utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{path}: cannot be read as UTF-8 text ({exc})") from None
    return parse_config(text, path).rules or {}


def read_config(repo_path: Path, commit: str, path: str) -> RepoConfig | None:
    """The settings file at `commit` (None when the commit has no such file)."""
    from threatdelta.diff.git import open_repository  # noqa: PLC0415 (GitPython needs git)

    with open_repository(repo_path) as repo:
        content = repo.read_file(commit, path, MAX_CONFIG_BYTES)
    if content is None:
        return None
    if isinstance(content, Notification):
        raise ConfigError(f"{path} (base commit): {content.message}")
    try:
        text = content.data.decode("utf-8")
    except UnicodeDecodeError:
        raise ConfigError(f"{path} (base commit): not UTF-8 text") from None
    return parse_config(text, path)
