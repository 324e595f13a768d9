"""The analysis a command run works on: the pull request's base..head diff, as the
`pull_request` run makes it (the settings file and its rule policy read from the trusted
base commit), optionally with the register text a command has just committed.

That commit is not in the runner's clone (it was made through the API after the checkout),
so the recomputed analysis is the diff of the same base..head with the new register applied
in memory; the code it analyses is identical, only the triage differs.
"""

from __future__ import annotations

from pathlib import Path

from threatdelta.errors import UsageError
from threatdelta.github.base_config import read_config
from threatdelta.github.ci_analysis import FETCH_HINT, Analysis, analyse_pull_request
from threatdelta.github.event import PullRequestRun
from threatdelta.github.gate import Gate, decide
from threatdelta.github.settings import ActionInputs
from threatdelta.model.base import Frozen
from threatdelta.register.policy import RulePolicies
from threatdelta.register.schema import RegisterFile
from threatdelta.register.store import REGISTER_PATH, parse_register


class Policy(Frozen):
    """The inputs with the base commit's settings file applied, and its rule policy."""

    inputs: ActionInputs
    rules: RulePolicies = {}


def trusted_policy(workspace: Path, pr: PullRequestRun, inputs: ActionInputs) -> Policy:
    try:
        config = read_config(workspace, pr.base_sha, inputs.config_path)
    except UsageError as exc:
        raise UsageError(f"{exc} {FETCH_HINT}") from None
    if config is None:
        return Policy(inputs=inputs)
    return Policy(inputs=config.apply(inputs), rules=config.rules or {})


def analyse(
    workspace: Path, pr: PullRequestRun, policy: Policy, register_text: str | None = None
) -> Analysis:
    """base..head of the pull request; with `register_text`, that register applies instead
    of the head commit's file."""
    head_register: RegisterFile | None = None
    if register_text is not None:
        head_register, _ = parse_register(register_text, REGISTER_PATH)
    return analyse_pull_request(workspace, pr, policy.rules, head_register)


def gate_of(analysis: Analysis, inputs: ActionInputs) -> Gate:
    return decide(
        analysis.report,
        fail_on=inputs.fail_on,
        soft_fail=inputs.soft_fail,
        incomplete_conclusion=inputs.incomplete_conclusion,
        llm_gate=inputs.llm_gate,
    )
