"""Propose and prove: for each threat, the families serving its rule propose in order and the
first proven patch becomes the threat's fix. A patch that fails its proof is dropped with a
`fix-not-proven` notification and shown nowhere."""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass

from threatdelta.diff.context import CommitContext
from threatdelta.findings.threat import Applicability, Fix, Threat
from threatdelta.model.base import Level, Notification
from threatdelta.remediation.base import FixFamily, FixRequest, Patch
from threatdelta.remediation.inputs import ScanInputs
from threatdelta.remediation.local import LocalProofs, context_of
from threatdelta.remediation.proof import prove
from threatdelta.remediation.registry import default_families
from threatdelta.remediation.unified import unified_diff
from threatdelta.report import ScanReport

FULL_RESCAN_FILES = 200  # above: proofs re-derive only the elements a patch can affect
# patches a scan proves (`threatdelta fix` has no such budget): on a small repository, and
# on a larger one where each (local) proof still relinks the skeleton of every file
SCAN_MAX_PROOFS = 50
LOCAL_MAX_PROOFS = 10


@dataclass(frozen=True)
class ProvenFix:
    """A threat with its proven patch attached, and the patched text of each file."""

    threat: Threat
    patch: Patch
    patched: dict[str, str]
    analysed: dict[str, str]  # the text each patched file had at the analysis


@dataclass(frozen=True)
class Remediation:
    """What proposing and proving gave: the threats (with fixes attached where proven), the
    proven fixes, and notifications for the dropped patches."""

    threats: tuple[Threat, ...]
    fixes: tuple[ProvenFix, ...]
    notifications: tuple[Notification, ...]


def _note(threat: Threat, code: str, message: str) -> Notification:
    path = threat.evidence[0].location.path
    return Notification(level=Level.NOTE, code=code, path=path, message=message)


def _propose(family: FixFamily, request: FixRequest) -> Patch | Notification | None:
    try:
        return family.propose(request)
    except Exception as exc:  # a family bug must not stop the run
        message = f"{family.name} crashed on {request.threat.id}: {type(exc).__name__}: {exc}"
        return _note(request.threat, "fix-family-crashed", message)


def _with_fix(threat: Threat, patch: Patch, diff: str | None) -> Threat:
    summary = threat.fix.summary if threat.fix else patch.summary
    fix = Fix(
        summary=summary,
        patch=diff,
        applicability=patch.applicability if diff else Applicability.DISPLAY_ONLY,
        edits=patch.edits if diff else (),
        family=patch.family,
        guidance=patch.guidance,
    )
    return threat.model_copy(update={"fix": fix})


@dataclass
class _Run:
    """What every threat of one run shares: the texts, and the link context of a large
    repository, built on the first patch to prove."""

    report: ScanReport
    inputs: ScanInputs
    local: bool
    texts: Mapping[str, str]
    proofs_left: int | None = None  # None: no budget
    skipped: int = 0  # threats a family proposed for after the budget ran out
    link_context: CommitContext | None = None
    local_proofs: LocalProofs | None = None  # shared by the local proofs of this run

    def shared(self) -> LocalProofs | None:
        if not self.local:
            return None
        if self.local_proofs is None:
            context = self.link_context or context_of(self.inputs, self.report.model)
            self.local_proofs = LocalProofs(self.inputs, context)
        return self.local_proofs


def remediate_threat(
    threat: Threat, run: _Run, families: Sequence[FixFamily]
) -> tuple[Threat, ProvenFix | None, list[Notification]]:
    """`threat` with the first proven patch of the families serving its rule attached."""
    notes: list[Notification] = []
    report, inputs = run.report, run.inputs
    if run.proofs_left is not None and run.proofs_left <= 0:  # not even proposed
        run.skipped += any(threat.rule_id in family.rules for family in families)
        return threat, None, notes
    request = FixRequest(threat=threat, model=report.model, files=run.texts)
    guided: Threat | None = None
    for family in families:
        if threat.rule_id not in family.rules:
            continue
        patch = _propose(family, request)
        if patch is None or isinstance(patch, Notification):
            notes.extend([patch] if patch else [])
            continue
        if not patch.edits:  # display-only guidance: nothing to prove, nothing to apply
            guided = guided or _with_fix(threat, patch, None)
            continue
        if run.proofs_left is not None:
            if run.proofs_left <= 0:
                run.skipped += 1
                break
            run.proofs_left -= 1
        proof = prove(patch, threat, report.threats, inputs, run.shared())
        if not proof.proven:
            notes.append(_note(threat, "fix-not-proven", f"{family.name}: {proof.reason}"))
            continue
        before = {path: inputs.files[path].text for path in proof.patched}
        fixed = _with_fix(threat, patch, unified_diff(before, proof.patched))
        return fixed, ProvenFix(fixed, patch, proof.patched, before), notes
    return guided or threat, None, notes


def remediate(
    report: ScanReport,
    inputs: ScanInputs,
    families: Sequence[FixFamily] | None = None,
    *,
    select: Collection[str] | None = None,
    local: bool | None = None,
    max_proofs: int | None = None,
    context: CommitContext | None = None,
    local_proofs: LocalProofs | None = None,
) -> Remediation:
    """Propose and prove a patch for every threat of `report` (those whose id is in
    `select` when given; the others are kept as they are). `local` proofs re-derive only
    what a patch can affect; by default they are used above `FULL_RESCAN_FILES` files.
    With `max_proofs`, threats past that many proofs get no patch (and one notification).
    A given link `context` makes the proofs local with it, and given `local_proofs` make
    them local with what those already hold (a diff passes its own)."""
    families = default_families() if families is None else families
    if local is None:  # a given context (a diff's head) never lists every file
        local = context is not None or local_proofs is not None or is_large(inputs)
    run = _Run(report, inputs, local, inputs.texts(), max_proofs)
    run.link_context = context
    run.local_proofs = local_proofs
    threats: list[Threat] = []
    fixes: list[ProvenFix] = []
    notes: list[Notification] = []
    for threat in report.threats:
        if select is not None and threat.id not in select:
            threats.append(threat)
            continue
        fixed, proven, threat_notes = remediate_threat(threat, run, families)
        threats.append(fixed)
        fixes.extend([proven] if proven else [])
        notes.extend(threat_notes)
    if run.skipped:
        notes.append(_budget_note(run.skipped, max_proofs or 0))
    return Remediation(tuple(threats), tuple(fixes), tuple(notes))


def _budget_note(skipped: int, budget: int) -> Notification:
    return Notification(
        level=Level.NOTE,
        code="fix-budget-exhausted",
        message=f"{skipped} threat(s) got no patch: this run proves at most {budget} patches; "
        "`threatdelta fix` proves them all",
    )


def is_large(inputs: ScanInputs) -> bool:
    """Whether proofs are local: more than `FULL_RESCAN_FILES` analysed files."""
    return sum(1 for found in inputs.fragments.values() if found) > FULL_RESCAN_FILES


def attach_fixes(
    report: ScanReport,
    inputs: ScanInputs,
    families: Sequence[FixFamily] | None = None,
    max_proofs: int | None = None,
) -> ScanReport:
    """`report` with proven patches on its threats and the dropped ones noted; a scan proves
    at most `max_proofs` patches in register order (by default `SCAN_MAX_PROOFS`, or
    `LOCAL_MAX_PROOFS` on a large repository), so remediation stays a fraction of the scan."""
    if max_proofs is None:
        max_proofs = LOCAL_MAX_PROOFS if is_large(inputs) else SCAN_MAX_PROOFS
    done = remediate(report, inputs, families, max_proofs=max_proofs)
    if not done.fixes and not done.notifications and done.threats == report.threats:
        return report
    return report.model_copy(
        update={
            "threats": done.threats,
            "notifications": (*report.notifications, *done.notifications),
        }
    )
