"""Building the match of an IaC rule from the attributes that decide it: their evidence
(the resource's block when the deciding setting is missing), the variable defaults they
came from, and a confidence lowered when a default decided it."""

from __future__ import annotations

from collections.abc import Sequence

from threatdelta.findings.threat import Fix
from threatdelta.model.base import Frozen
from threatdelta.model.elements import IacAttribute, IacResource
from threatdelta.model.iac_settings import defaults_note, evidence_of
from threatdelta.rules.spec import Match, RuleSpec


class Wording(Frozen):
    """The texts of one match."""

    message: str
    attack_vector: str
    impact: str
    fix: str


def iac_match(
    spec: RuleSpec,
    resource: IacResource,
    deciding: Sequence[IacAttribute],
    wording: Wording,
    qualifier: str = "",
) -> Match:
    """A match on `resource`, pointing at `deciding` (or at the resource when empty)."""
    lowered = any(a.variables for a in deciding)
    return Match(
        element=resource.key,
        evidence=evidence_of(deciding) or resource.evidence[:1],
        qualifier=qualifier,
        message=wording.message + defaults_note(deciding),
        attack_vector=wording.attack_vector,
        impact=wording.impact,
        confidence=spec.confidence.lowered() if lowered else spec.confidence,
        fix=Fix(summary=wording.fix),
    )
