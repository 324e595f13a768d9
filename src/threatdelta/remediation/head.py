"""Proven patches for the threats a change introduces, on the diff's head.

The diff re-models only what a change concerns; proving a patch there works the same way:
the head commit's files are read from git only when a family or a proof asks for them (the
commit is listed only when a family walks every file), the fragments come through the diff's
own loader (served by the per-file cache), and each proof is local (`remediation.local`)
with the diff's link context; the head side model the diff already linked and ruled is the
analysed side of the proofs on its files. The introduced threats, and the same threats in
the head register, carry the proven patches."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from threatdelta.diff.context import CommitContext
from threatdelta.diff.delta import DeltaReport
from threatdelta.diff.git import Repository
from threatdelta.extractors.base import Extractor
from threatdelta.findings.threat import Threat
from threatdelta.model.base import Notification
from threatdelta.model.threat_model import ThreatModel
from threatdelta.remediation.base import FixFamily
from threatdelta.remediation.commit_sources import (
    CandidateFiles,
    CommitFragments,
    CommitSources,
    Loader,
)
from threatdelta.remediation.inputs import ScanInputs
from threatdelta.remediation.local import LocalProofs
from threatdelta.remediation.registry import default_families
from threatdelta.remediation.run import LOCAL_MAX_PROOFS, remediate
from threatdelta.report import ScanReport
from threatdelta.rules.spec import Rule


@dataclass(frozen=True)
class HeadSide:
    """What the diff knows of its head: the open repository, the commit, the link context,
    the re-modelled head and the loader of a head file's fragments."""

    repo: Repository
    commit: str
    context: CommitContext
    model: ThreatModel
    load: Loader
    max_bytes: int
    # the files `model` was linked with in full, when it is the link a proof on them makes
    # (none removed by the change), with the link's notes and the threats of `model`
    linked: frozenset[str] | None = None
    notes: tuple[Notification, ...] = ()
    threats: tuple[Threat, ...] = ()


def _replace(threats: Sequence[Threat], fixed: dict[str, Threat]) -> tuple[Threat, ...]:
    return tuple(fixed.get(t.id, t) for t in threats)


def attach_head_fixes(
    delta: DeltaReport,
    head: HeadSide,
    extractors: Sequence[Extractor],
    rules: Sequence[Rule],
    families: Sequence[FixFamily] | None = None,
) -> DeltaReport:
    """`delta` with proven patches on its introduced threats (and on the same threats of
    its head register); the dropped patches are noted."""
    families = default_families() if families is None else families
    served = {rule for family in families for rule in family.rules}
    if not any(t.rule_id in served for t in delta.introduced):
        return delta
    candidates = CandidateFiles(head.repo, head.commit, extractors)
    inputs = ScanInputs(
        files=CommitSources(head.repo, candidates, head.max_bytes),
        fragments=CommitFragments(head.load, candidates),
        extractors=extractors,
        rules=rules,
    )
    local = LocalProofs(inputs, head.context)
    if head.linked is not None:  # the diff's head side is the proofs' analysed side
        local.seed(head.linked, head.model, head.notes, head.threats)
    report = ScanReport(model=head.model, threats=delta.introduced)
    done = remediate(report, inputs, families, max_proofs=LOCAL_MAX_PROOFS, local_proofs=local)
    fixed = {t.id: t for t in done.threats if t.fix is not None and t.fix.patch}
    register = delta.head_register
    if register is not None and fixed:
        register = register.model_copy(update={"threats": _replace(register.threats, fixed)})
    return delta.model_copy(
        update={
            "introduced": _replace(delta.introduced, fixed),
            "head_register": register,
            "notifications": (*delta.notifications, *done.notifications),
        }
    )
