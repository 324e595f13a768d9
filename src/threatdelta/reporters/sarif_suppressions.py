"""SARIF 2.1.0 suppressions (§3.35) and triage properties of a result.

A threat the register suppresses (accepted, mitigated, false positive) gets one suppression
object `{"kind": "external", "status": "accepted", "justification": ...}`: external because
the decision lives outside the source (in `.threatdelta/register.yaml`), accepted because the
decision is in force. The register's own status, who decided, the owner, ticket and expiry go
in the result's property bag (`triageStatus`, ...), with the note of a reopened threat.

The objects are plain dicts: sarif-om's `Suppression` class predates 2.1.0 and names the
`status` property `state`, which the 2.1.0 schema does not allow.
"""

from __future__ import annotations

from threatdelta.register.apply import Triaged

_MAX_JUSTIFICATION = 1000


def _one_line(text: str) -> str:
    return " ".join(text.split())[:_MAX_JUSTIFICATION]


def suppressions(triaged: Triaged | None) -> list[dict[str, object]] | None:
    """The result's suppressions: one external, accepted suppression when suppressed."""
    if triaged is None or not triaged.suppressed or triaged.decision is None:
        return None
    return [
        {
            "kind": "external",
            "status": "accepted",
            "justification": _one_line(triaged.decision.justification),
            "properties": {"triageStatus": triaged.status.value},
        }
    ]


def triage_properties(triaged: Triaged | None) -> dict[str, object]:
    """`triageStatus` and the decision's facts, for a threat the register has a say on."""
    if triaged is None or (triaged.decision is None and not triaged.note):
        return {}
    props: dict[str, object] = {"triageStatus": triaged.status.value}
    decision = triaged.decision
    if triaged.note:
        props["triageNote"] = triaged.note
    if decision is not None:
        facts = {
            "triageTarget": decision.target,
            "decidedBy": decision.decided_by,
            "owner": decision.owner,
            "ticket": decision.ticket,
            "expires": decision.expires.isoformat() if decision.expires else "",
        }
        props.update({k: _one_line(v) for k, v in facts.items() if v})
    return props
