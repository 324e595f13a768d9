"""An LLM patch is shown only after the proof rule patches go through (`remediation.proof`).

The patch (a unified diff in the answer) must
1. parse as a unified diff touching only files of the threat's evidence, each an analysed
   file, with every hunk's context and removed lines equal to the analysed text there;
2. apply and leave every patched file parseable (`proof.patched_texts`);
3. introduce no rule threat: re-extracting the patched files and re-running the rules over
   the whole repository (`proof.rescan`) yields no more threats of any (rule, element) pair;
   on a diff's head, over the elements the patch can affect, as the diff's rule patches are
   proven there (`remediation.local`, `prove_llm_patch_locally`).
What rules cannot check is whether the patch removes the LLM's own threat: the fix is
therefore `unsafe` (never applied without a human) and says so. Anything else drops the patch
with the reason; the threat stays.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from typing import Any

from unidiff.errors import UnidiffParseError
from unidiff.patch import PatchSet

from threatdelta.extractors.base import SourceFile
from threatdelta.findings.edit import TextEdit
from threatdelta.findings.threat import Applicability, Fix, Threat
from threatdelta.pipeline import extract_file
from threatdelta.remediation.base import Patch
from threatdelta.remediation.inputs import ScanInputs
from threatdelta.remediation.local import LocalProofs, local_delta
from threatdelta.remediation.proof import patched_texts, rescan
from threatdelta.remediation.unified import unified_diff

FAMILY = "llm-analyst"


def _hunk_edits(path: str, hunk: Any, lines: list[str]) -> TextEdit | str:
    source = [ln.value.rstrip("\r\n") for ln in hunk if ln.is_context or ln.is_removed]
    target = [ln.value.rstrip("\r\n") for ln in hunk if ln.is_context or ln.is_added]
    start, length = hunk.source_start, hunk.source_length
    if length == 0:  # an insertion after line `start`
        return TextEdit(path=path, start=start + 1, end=start, lines=tuple(target))
    if lines[start - 1 : start - 1 + length] != source:
        return f"a hunk of {path} does not match the analysed text at line {start}"
    return TextEdit(path=path, start=start, end=start + length - 1, lines=tuple(target))


def patch_edits(text: str, threat: Threat, files: Mapping[str, str]) -> tuple[TextEdit, ...] | str:
    """The line edits of the unified diff `text`, or why it is not acceptable."""
    try:
        patch_set = PatchSet(text)
    except UnidiffParseError as exc:
        return f"not a unified diff ({exc})"
    allowed = {e.location.path for e in threat.evidence}
    edits: list[TextEdit] = []
    for patched_file in patch_set:
        path = patched_file.path
        if patched_file.is_added_file or patched_file.is_removed_file or path not in allowed:
            return f"it changes {path}, which is not a file of the threat's evidence"
        if path not in files:
            return f"{path} was not analysed"
        lines = files[path].splitlines()
        for hunk in patched_file:
            edit = _hunk_edits(path, hunk, lines)
            if isinstance(edit, str):
                return edit
            edits.append(edit)
    return tuple(edits) if edits else "the diff has no hunks"


def _introduced(before: Sequence[Threat], after: Sequence[Threat]) -> str:
    counts = Counter((t.rule_id, t.element) for t in before)
    for (rule_id, element), count in sorted(Counter((t.rule_id, t.element) for t in after).items()):
        if count > counts[(rule_id, element)]:
            return f"the patch introduces {rule_id} on {element}"
    return ""


def _llm_patch(threat: Threat, edits: tuple[TextEdit, ...]) -> Patch:
    return Patch(
        threat_id=threat.id,
        rule_id=threat.rule_id,
        family=FAMILY,
        applicability=Applicability.UNSAFE,
        summary="patch proposed by the AI analyst",
        edits=edits,
    )


def _fix(originals: Mapping[str, str], patched: dict[str, str], edits: tuple[TextEdit, ...]) -> Fix:
    return Fix(
        summary="Patch proposed by the AI analyst: it applies, parses and adds no rule threat",
        patch=unified_diff(dict(originals), patched),
        applicability=Applicability.UNSAFE,
        edits=edits,
        family=FAMILY,
        guidance="The rules cannot confirm that this patch removes the threat: review it.",
    )


def prove_llm_patch(text: str, threat: Threat, inputs: ScanInputs) -> Fix | str:
    """The proven fix of `threat` from the LLM's diff `text`, or why it was dropped. The
    rules' threats before and after the patch both come from relinking `inputs` (the same
    extractors and rules), so only the patch can make them differ."""
    edits = patch_edits(text, threat, inputs.texts())
    if isinstance(edits, str):
        return edits
    patched = patched_texts(_llm_patch(threat, edits), inputs)
    if isinstance(patched, str):
        return patched
    problem = _introduced(rescan({}, inputs), rescan(patched, inputs))
    if problem:
        return problem
    return _fix({path: inputs.files[path].text for path in patched}, patched, edits)


def prove_llm_patch_locally(text: str, threat: Threat, local: LocalProofs) -> Fix | str:
    """`prove_llm_patch` on a diff's head, the way its rule patches are proven there
    (`remediation.head`): the patched files are re-extracted and only the elements the patch
    can affect are re-derived (`remediation.local`); the rules must find nothing new there."""
    inputs = local.inputs
    edits = patch_edits(text, threat, inputs.texts())
    if isinstance(edits, str):
        return edits
    patched = patched_texts(_llm_patch(threat, edits), inputs)
    if isinstance(patched, str):
        return patched
    head = {
        path: extract_file(SourceFile(path=path, text=patched_text), inputs.extractors)[0]
        for path, patched_text in patched.items()
    }
    delta = local_delta(local, patched, head)
    problem = _introduced(delta.before, delta.after)
    if problem:
        return problem
    return _fix({path: inputs.files[path].text for path in patched}, patched, edits)
