"""What one run's review should do, decided without I/O: which introduced threats get a new
inline comment (most severe first, capped), which are summarised instead, and which of our
earlier comments must be edited because their threat is gone (or came back). A threat the
register suppresses (accepted, mitigated, false positive) gets no new inline comment: the
summary's suppressed section shows it with its justification.

A threat counts as gone only when the analysis is complete and the threat is nowhere at
head: not introduced, not persisting, not in the head register. An incomplete analysis
never marks anything resolved.
"""

from __future__ import annotations

from collections.abc import Sequence

from pydantic import Field

from threatdelta.diff.delta import DeltaReport
from threatdelta.engine import sort_key
from threatdelta.findings.threat import Threat
from threatdelta.github.markers import is_resolved, marker_id
from threatdelta.github.review_anchor import Anchor, anchor_for
from threatdelta.github.review_body import comment_body, resolved_body
from threatdelta.model.base import Frozen


class PlannedComment(Frozen):
    threat: Threat
    anchor: Anchor
    body: str


class ExistingComment(Frozen):
    """One of our inline comments already on the pull request."""

    id: int
    marker: str  # the marker id of its threat
    body: str
    path: str | None = None


class CommentEdit(Frozen):
    comment_id: int
    marker: str
    body: str
    resolves: bool  # True: the threat is gone; False: it came back


class ReviewPlan(Frozen):
    new: tuple[PlannedComment, ...] = ()
    already: tuple[str, ...] = ()  # threat ids that have our comment already
    over_cap: tuple[Threat, ...] = ()
    not_in_diff: tuple[Threat, ...] = ()
    edits: tuple[CommentEdit, ...] = ()
    max_inline: int = Field(default=0, ge=0)


def _ranked(threats: Sequence[Threat]) -> list[Threat]:
    return sorted(threats, key=sort_key)


def _present_at_head(report: DeltaReport) -> frozenset[str]:
    threats = [*report.introduced, *report.persisting]
    if report.head_register is not None:
        threats += report.head_register.threats
    return frozenset(marker_id(t.id) for t in threats)


def _edits(
    report: DeltaReport, existing: Sequence[ExistingComment], head_sha: str
) -> tuple[CommentEdit, ...]:
    introduced = {marker_id(t.id): t for t in report.introduced}
    present = _present_at_head(report)
    files = {f.path: f for f in report.commentable}
    edits: list[CommentEdit] = []
    for comment in existing:
        back = introduced.get(comment.marker)
        if is_resolved(comment.body) and back is not None:
            anchor = anchor_for(back, files) or Anchor(path=comment.path or "")
            body = comment_body(back, anchor.model_copy(update={"suggestion": None}))
            edits.append(
                CommentEdit(comment_id=comment.id, marker=comment.marker, body=body, resolves=False)
            )
        elif report.complete and not is_resolved(comment.body) and comment.marker not in present:
            body = resolved_body(comment.body, head_sha)
            edits.append(
                CommentEdit(comment_id=comment.id, marker=comment.marker, body=body, resolves=True)
            )
    return tuple(edits)


def plan_review(
    report: DeltaReport,
    existing: Sequence[ExistingComment],
    *,
    head_sha: str,
    max_inline: int,
) -> ReviewPlan:
    commented = {c.marker for c in existing}
    files = {f.path: f for f in report.commentable}
    new: list[PlannedComment] = []
    already: list[str] = []
    not_in_diff: list[Threat] = []
    suppressed = report.triage.suppressed_ids()  # shown in the summary's suppressed section
    for threat in _ranked(report.introduced):
        if threat.id in suppressed:
            continue
        if marker_id(threat.id) in commented:
            already.append(threat.id)
            continue
        anchor = anchor_for(threat, files)
        if anchor is None:
            not_in_diff.append(threat)
            continue
        new.append(PlannedComment(threat=threat, anchor=anchor, body=comment_body(threat, anchor)))
    cap = max(max_inline, 0)
    return ReviewPlan(
        new=tuple(new[:cap]),
        already=tuple(already),
        over_cap=tuple(p.threat for p in new[cap:]),
        not_in_diff=tuple(not_in_diff),
        edits=_edits(report, existing, head_sha),
        max_inline=cap,
    )
