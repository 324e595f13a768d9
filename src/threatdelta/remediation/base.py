"""What a fix family is and what it produces.

A family serves a set of rules. Given one threat, the linked model and the head text of the
repository's files, it proposes at most one `Patch`: line edits against the exact file and
lines (or none, for display-only guidance). Families never write files; `remediation.edits`
applies edits in memory and `remediation.proof` decides whether a patch may be shown.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Protocol

from threatdelta.findings.edit import TextEdit
from threatdelta.findings.threat import Applicability, Threat
from threatdelta.model.base import Frozen
from threatdelta.model.threat_model import ThreatModel


class Patch(Frozen):
    """A proposed fix for one threat. Display-only patches have no edits, only guidance."""

    threat_id: str
    rule_id: str
    family: str
    applicability: Applicability
    summary: str  # one sentence: what the change does
    edits: tuple[TextEdit, ...] = ()
    guidance: str = ""  # what a human still has to check or do

    @property
    def paths(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(edit.path for edit in self.edits))


@dataclass(frozen=True)
class FixRequest:
    """Everything a family may look at: the threat, the linked model, the head text of the
    repository's analysed files by repository path (read-only)."""

    threat: Threat
    model: ThreatModel
    files: Mapping[str, str]

    def text(self, path: str) -> str | None:
        return self.files.get(path)


class FixFamily(Protocol):
    """One module under `remediation/families/` per family."""

    @property
    def name(self) -> str: ...

    @property
    def rules(self) -> frozenset[str]: ...

    def propose(self, request: FixRequest) -> Patch | None:
        """A patch for `request.threat`, or None when no concrete change is known (the
        control already exists, the guard cannot be identified, generated code, ...)."""
        ...
