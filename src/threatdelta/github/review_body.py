"""The text of one inline review comment, and of its "resolved" edit.

Severity and STRIDE letters, the title, what an attacker does and to which asset, the
evidence lines, the fix (a `suggestion` block when the anchor carries one, else the patch as
a `diff` block, else the fix's summary), CWE links, and the hidden marker last. Every string
from the repository or a rule goes through `reporters.escape`: no HTML, no mentions, no
links but the CWE ones written here.
"""

from __future__ import annotations

from threatdelta.findings.threat import Threat
from threatdelta.github.markers import RESOLVED_MARKER, threat_marker
from threatdelta.github.review_anchor import Anchor
from threatdelta.model.base import Evidence
from threatdelta.reporters.escape import code_span, escape_markdown, fenced_code

CWE_URL = "https://cwe.mitre.org/data/definitions/{}.html"
_MAX_EVIDENCE = 5
_SHORT_SHA = 12


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


def _fix(threat: Threat, anchor: Anchor) -> str:
    if threat.fix is None:
        return "**Fix:** no fix suggested."
    summary = f"**Fix:** {escape_markdown(threat.fix.summary)}"
    if anchor.suggestion is not None:
        return f"{summary}\n\n{fenced_code(anchor.suggestion, 'suggestion')}"
    if threat.fix.patch:
        return f"{summary}\n\n{fenced_code(threat.fix.patch, 'diff')}"
    return summary


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
