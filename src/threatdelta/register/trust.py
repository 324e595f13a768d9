"""Which register a pull request's gate may trust.

On a pull request from a fork the author has no write access to the repository, yet the PR
head carries its own `.threatdelta/register.yaml`: applying that file would let anyone
accept (or dismiss) the threats of their own change, with any `decided_by`, and pass the
gate. So, failing closed, a fork may only **add** threats, never remove or soften one:

- every decision the PR adds, changes or removes is refused: the base register's decision
  for that target applies (or none) — the effective decisions are the base file's;
- custom threats the PR adds count; a base custom threat the PR removes or edits keeps its
  base version (a fork cannot lower a custom threat's severity or delete it).

The refused changes are listed in the summary. A same-repository pull request keeps its head
register (its author can push to the repository anyway; CODEOWNERS on `.threatdelta/` makes
such decisions need a reviewer). The base is the register of the diff's merge base, the same
file the "decisions changed by this PR" are measured against.
"""

from __future__ import annotations

from threatdelta.diff.delta import DeltaReport
from threatdelta.register.changes import DecisionChange, decision_changes
from threatdelta.register.custom import custom_threat_id
from threatdelta.register.schema import RegisterFile

FORK_REFUSAL = (
    "Not applied: this pull request comes from a fork, and a fork's changes to the register "
    "do not count for its own gate (the merge base's decisions apply). A maintainer applies "
    "them by merging them, or by committing them to the base branch (a `/threatdelta "
    "accept|dismiss` reply holds the file) and updating the pull request's branch."
)


def trusted_register(
    base: RegisterFile, head: RegisterFile, from_fork: bool
) -> tuple[RegisterFile, tuple[DecisionChange, ...]]:
    """(the register the gate applies, the decision changes refused). Same repository: the
    head file as it is, nothing refused; fork: see the module docstring."""
    if not from_fork:
        return head, ()
    refused = decision_changes(base, head)
    base_ids = {custom_threat_id(c) for c in base.custom_threats}
    added = [c for c in head.custom_threats if custom_threat_id(c) not in base_ids]
    trusted = RegisterFile(
        version=base.version,
        decisions=base.decisions,
        custom_threats=(*base.custom_threats, *added),
    )
    return trusted, refused


def with_refused(delta: DeltaReport, refused: tuple[DecisionChange, ...]) -> DeltaReport:
    """The delta listing the refused decision changes (relevant: its summary must say so)."""
    if not refused:
        return delta
    return delta.model_copy(update={"triage_refused": refused, "relevant": True})
