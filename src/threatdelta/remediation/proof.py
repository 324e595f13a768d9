"""Proof of a patch before it is shown anywhere.

A patch is proven when (a) its edits apply to the analysed text (`apply_edits`; a file with
mixed newlines, a declared non-UTF-8 encoding or a line over `MAX_LINE_CHARS` is refused),
(b) every patched file still parses (`remediation.syntax`), (c) extraction of the patched
file(s), linked with the unchanged fragments of every other file, and the rules no longer
yield the threat, and (d) no threat is introduced. On a large repository (c) and (d) look at
the elements the patch can affect only, as the diff engine does (`remediation.local`).

Threat identity across the patch: fingerprints and messages carry line numbers, which a patch
shifts. A threat is keyed by its rule id, its element and its message with every digit run
blanked (the message names the fact it is about: the cookie, the secret, the call). The
threat is gone when both the count of threats of its rule on its element and the count of
its own key drop. Nothing is introduced when, for every (rule id, element) pair in the whole
register, the patched register has no more threats than the analysed one: stricter than the
element alone, so a patch that adds a threat anywhere is refused.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from threatdelta.engine import run_rules
from threatdelta.extractors.base import SourceFile
from threatdelta.findings.threat import Threat
from threatdelta.model.link import link
from threatdelta.pipeline import extract_file
from threatdelta.remediation.base import Patch
from threatdelta.remediation.edits import EditError, apply_edits
from threatdelta.remediation.inputs import ScanInputs
from threatdelta.remediation.local import LocalProofs, local_delta
from threatdelta.remediation.syntax import syntax_problem

MAX_LINE_CHARS = 10_000
_DIGITS = re.compile(r"\d+")


@dataclass(frozen=True)
class Proof:
    """The verdict on one patch: the patched text by path when proven, else the reason."""

    patched: dict[str, str]
    reason: str = ""

    @property
    def proven(self) -> bool:
        return not self.reason


def threat_key(threat: Threat) -> tuple[str, str, str]:
    """A threat's identity that survives line shifts."""
    return threat.rule_id, threat.element, _DIGITS.sub("#", threat.message)


def patched_texts(patch: Patch, inputs: ScanInputs) -> dict[str, str] | str:
    """The text of each patched file after the edits, or why the edits cannot be applied."""
    if not patch.edits:
        return "the patch has no edits"
    patched: dict[str, str] = {}
    for path in patch.paths:
        source = inputs.files.get(path)
        if source is None:
            return f"{path} was not analysed"
        if any(len(line) > MAX_LINE_CHARS for line in source.text.splitlines()):
            return f"{path} has a line longer than {MAX_LINE_CHARS} characters"
        try:
            patched[path] = apply_edits(source.text, [e for e in patch.edits if e.path == path])
        except EditError as exc:
            return f"{path}: {exc}"
        problem = syntax_problem(path, patched[path])
        if problem:
            return f"{path}: {problem}"
    return patched


def rescan(patched: dict[str, str], inputs: ScanInputs) -> Sequence[Threat]:
    """The threats of the repository with the patched files re-extracted and re-linked with
    the unchanged fragments of the others."""
    fragments = inputs.fragments_without(frozenset(patched))
    for path, text in patched.items():
        found, _ = extract_file(SourceFile(path=path, text=text), inputs.extractors)
        fragments.extend(found)
    model, _ = link(fragments)
    threats, _ = run_rules(model, inputs.rules)
    return threats


def regression(threat: Threat, before: Sequence[Threat], after: Sequence[Threat]) -> str:
    """Why the register `after` the patch does not show `threat` removed without a new
    threat, or "" when it does."""
    pairs_before = Counter((t.rule_id, t.element) for t in before)
    pairs_after = Counter((t.rule_id, t.element) for t in after)
    keys_before = Counter(threat_key(t) for t in before)
    keys_after = Counter(threat_key(t) for t in after)
    pair = (threat.rule_id, threat.element)
    if (
        pairs_after[pair] >= pairs_before[pair]
        or keys_after[threat_key(threat)] >= (keys_before[threat_key(threat)])
    ):
        return f"the patched code still yields {threat.rule_id} on {threat.element}"
    for (rule_id, element), count in sorted(pairs_after.items()):
        if count > pairs_before[(rule_id, element)]:
            return f"the patch introduces {rule_id} on {element}"
    return ""


def prove(
    patch: Patch,
    threat: Threat,
    before: Sequence[Threat],
    inputs: ScanInputs,
    local: LocalProofs | None = None,
) -> Proof:
    """The verdict on `patch` for `threat`, `before` being the analysed register's threats;
    with `local` (the link context and analysed side models of the run), only the elements
    the patch can affect are re-derived (`remediation.local`), else the whole repository is
    relinked."""
    patched = patched_texts(patch, inputs)
    if isinstance(patched, str):
        return Proof({}, patched)
    if local is None:
        reason = regression(threat, before, rescan(patched, inputs))
        return Proof(patched if not reason else {}, reason)
    head = {
        path: extract_file(SourceFile(path=path, text=text), inputs.extractors)[0]
        for path, text in patched.items()
    }
    delta = local_delta(local, patched, head)
    if threat_key(threat) not in {threat_key(t) for t in delta.before}:
        return Proof({}, f"{threat.rule_id} on {threat.element} is not re-derived around the patch")
    reason = regression(threat, delta.before, delta.after)
    return Proof(patched if not reason else {}, reason)
