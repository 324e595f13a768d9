"""The threat delta of a change: what it affects, introduces, resolves and leaves in place.

`DeltaReport` is what `threatdelta diff` reporters receive, and (serialised) the
`--format json` document of the command.
"""

from __future__ import annotations

from collections.abc import Iterable
from enum import StrEnum

from pydantic import Field

from threatdelta.diff.changes import ChangeSet
from threatdelta.diff.lines import LineSpan
from threatdelta.findings.threat import Threat
from threatdelta.model.base import ElementKind, Evidence, Frozen, Notification
from threatdelta.register.apply import TriageResult
from threatdelta.register.changes import DecisionChange
from threatdelta.report import ScanReport, ToolInfo

DELTA_SCHEMA_VERSION = "1"


class ChangeKind(StrEnum):
    ADDED = "added"
    MODIFIED = "modified"
    REMOVED = "removed"
    DEPENDENT = "dependent"  # unchanged itself, but depends on something that changed


class AffectedElement(Frozen):
    key: str
    kind: ElementKind
    change: ChangeKind
    reason: str  # one sentence: why this element is considered affected
    evidence: tuple[Evidence, ...] = ()  # head evidence (base evidence for removed elements)


class ChangedFile(Frozen):
    path: str  # head path (base path when deleted)
    old_path: str | None = None
    status: str
    analysed: bool  # an extractor read it at base or head
    note: str = ""  # why it was not analysed, when it was not


class CommentableFile(Frozen):
    """A head file of the change and the head lines a review comment can anchor to: one
    span per hunk (its added or modified lines). `lines_known` is False when the file's
    hunks were not read (binary, or skipped by a budget): only a file-level comment fits."""

    path: str
    spans: tuple[LineSpan, ...] = ()
    lines_known: bool = True


def commentable_files(changes: ChangeSet) -> tuple[CommentableFile, ...]:
    """The head files of `changes` with their hunks' head spans (deleted files have none)."""
    return tuple(
        CommentableFile(
            path=f.new_path,
            spans=tuple(h.new_span for h in f.hunks if h.new_span is not None),
            lines_known=f.lines_known,
        )
        for f in changes.files
        if f.new_path is not None
    )


class DeltaReport(Frozen):
    schema_version: str = DELTA_SCHEMA_VERSION
    tool: ToolInfo = Field(default_factory=ToolInfo)
    base: str  # the base ref as given
    head: str  # the head ref as given
    base_commit: str
    head_commit: str
    merge_base: str
    relevant: bool  # the change adds, removes or changes an element or one of its facts
    complete: bool  # False when a budget or an error left part of the change unanalysed
    changed_files: tuple[ChangedFile, ...] = ()
    affected: tuple[AffectedElement, ...] = ()
    introduced: tuple[Threat, ...] = ()
    resolved: tuple[Threat, ...] = ()
    persisting: tuple[Threat, ...] = ()  # threats of affected elements present at both ends
    notifications: tuple[Notification, ...] = ()
    commentable: tuple[CommentableFile, ...] = ()  # where a review comment can anchor
    # The head register: its threats are complete (unaffected ones come from the base
    # commit's cached analysis); its model holds what was re-modelled for this change (the
    # changed and related files over the base skeleton), not the whole repository. None
    # only when the change touches nothing we model and the caller did not ask for it.
    head_register: ScanReport | None = None
    # each head threat's status under the head commit's register (empty when it has none),
    # and the decisions this change adds, changes or removes in the register file
    triage: TriageResult = Field(default_factory=TriageResult)
    triage_changes: tuple[DecisionChange, ...] = ()
    # the decision changes of a fork's pull request that were not applied (register.trust)
    triage_refused: tuple[DecisionChange, ...] = ()


def classify(
    base: Iterable[Threat], head: Iterable[Threat]
) -> tuple[tuple[Threat, ...], tuple[Threat, ...], tuple[Threat, ...]]:
    """(introduced, resolved, persisting) by stable threat id, in the order given."""
    base_by_id = {t.id: t for t in base}
    head_by_id = {t.id: t for t in head}
    introduced = tuple(t for i, t in head_by_id.items() if i not in base_by_id)
    resolved = tuple(t for i, t in base_by_id.items() if i not in head_by_id)
    persisting = tuple(t for i, t in head_by_id.items() if i in base_by_id)
    return introduced, resolved, persisting
