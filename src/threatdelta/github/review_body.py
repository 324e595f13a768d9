"""The text of one inline review comment, and of its "resolved" edit.

Severity and STRIDE letters, the title, what an attacker does and to which asset, the
evidence lines, the fix, CWE links, and the hidden marker last. Every string from the
repository or a rule goes through `reporters.escape`: no HTML, no mentions, no links but the
CWE ones written here.

The fix: its summary and, for a proven patch, its applicability ("needs review" for an unsafe
one, with the family's guidance); then a `suggestion` block when the anchor carries one (one
click commits it), else the patch as a `diff` block (at most `MAX_DIFF_LINES` lines; the
command that prints or applies it in full follows). A display-only fix gives its summary and
guidance only. A suggestion is committed as written, so its block is literal: the fence is
longer than any backtick run inside, nothing is escaped or stripped, and no lines at all
means "delete these lines".
"""

from __future__ import annotations

import re

from threatdelta.findings.threat import Applicability, Fix, Threat
from threatdelta.github.markers import RESOLVED_MARKER, threat_marker
from threatdelta.github.review_anchor import Anchor
from threatdelta.model.base import Evidence
from threatdelta.reporters.escape import code_span, escape_markdown, fenced_code

CWE_URL = "https://cwe.mitre.org/data/definitions/{}.html"
_MAX_EVIDENCE = 5
_SHORT_SHA = 12
MAX_DIFF_LINES = 80
MAX_DIFF_CHARS = 6_000
_BACKTICKS = re.compile(r"`+")


def _lines(evidence: Evidence) -> str:
    loc = evidence.location
    span = (
        f"{loc.start_line}"
        if loc.start_line == loc.end_line
        else f"{loc.start_line}-{loc.end_line}"
    )
    return f"- {code_span(f'{loc.path}:{span}')} ({evidence.role.value})"


def _evidence(threat: Threat) -> str:
    shown = [_lines(e) for e in threat.evidence[:_MAX_EVIDENCE]]
    rest = len(threat.evidence) - _MAX_EVIDENCE
    if rest > 0:
        shown.append(f"- and {rest} more")
    return "**Evidence**\n" + "\n".join(shown)


def suggestion_block(lines: tuple[str, ...]) -> str:
    """A `suggestion` block replacing the commented lines with `lines`, verbatim."""
    longest = max((len(run) for line in lines for run in _BACKTICKS.findall(line)), default=0)
    fence = "`" * max(3, longest + 1)
    return "\n".join([f"{fence}suggestion", *lines, fence])


def apply_hint(threat_id: str) -> str:
    return f"Apply it locally with {code_span(f'threatdelta fix {threat_id} --apply')}."


def _diff_block(threat_id: str, patch: str) -> str:
    lines = patch.replace("\r\n", "\n").split("\n")
    shown: list[str] = []
    for line in lines[:MAX_DIFF_LINES]:
        if sum(len(x) + 1 for x in shown) + len(line) > MAX_DIFF_CHARS:
            break
        shown.append(line)
    block = fenced_code("\n".join(shown), "diff")
    cut = len(shown) < len(lines) and any(line for line in lines[len(shown) :])
    note = (
        f"The patch is longer than shown here: {code_span(f'threatdelta fix {threat_id}')} "
        "prints it in full. "
        if cut
        else ""
    )
    return f"{block}\n\n{note}{apply_hint(threat_id)}"


def _fix_head(fix: Fix) -> str:
    head = f"**Fix:** {escape_markdown(fix.summary)}"
    if fix.edits and fix.applicability is Applicability.SAFE:
        head += " (safe patch)"
    elif fix.edits:
        head += " (**needs review**: the patch changes behaviour or configuration)"
    if fix.guidance:
        head += f"\n\n{escape_markdown(fix.guidance)}"
    return head


def _fix(threat: Threat, anchor: Anchor) -> str:
    fix = threat.fix
    if fix is None:
        return "**Fix:** no fix suggested."
    head = _fix_head(fix)
    if anchor.suggestion is not None:
        return f"{head}\n\n{suggestion_block(anchor.suggestion)}"
    if fix.patch and fix.edits:
        return f"{head}\n\n{_diff_block(threat.id, fix.patch)}"
    return head


def _references(threat: Threat) -> str:
    links = [f"[CWE-{n}]({CWE_URL.format(n)})" for n in threat.cwe]
    rule = code_span(threat.rule_id)
    return f"{rule}" + (" · " + " · ".join(links) if links else "")


def comment_body(threat: Threat, anchor: Anchor) -> str:
    """The comment posted for `threat` at `anchor`, ending in its marker."""
    stride = " ".join(s.value for s in threat.stride)
    head = f"**{threat.severity.value.upper()}** · {stride} · {escape_markdown(threat.title)}"
    parts = [
        head,
        escape_markdown(threat.message),
        f"**Attacker:** {escape_markdown(threat.attack_vector)}",
        f"**Impact:** {escape_markdown(threat.impact)} (asset: {code_span(threat.element)})",
        _evidence(threat),
        _fix(threat, anchor),
        _references(threat),
        threat_marker(threat.id),
    ]
    return "\n\n".join(parts)


def resolved_body(previous: str, head_sha: str) -> str:
    """`previous` (our own comment), headed by a note that the threat is gone at `head_sha`
    and marked so it is edited only once."""
    note = (
        f"**Resolved** at {code_span(head_sha[:_SHORT_SHA])}: "
        "threatdelta no longer finds this threat."
    )
    return (
        f"{note}\n\n<details>\n<summary>Original comment</summary>\n\n{previous}\n\n"
        f"</details>\n\n{RESOLVED_MARKER}"
    )
