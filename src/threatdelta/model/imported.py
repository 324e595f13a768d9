"""Threats read from an existing threat model (Threat Dragon, OTM, Threagile), kept apart
from the threats our rules raise: they carry the analyst's status and never gate a run."""

from __future__ import annotations

from enum import StrEnum

from pydantic import field_validator

from threatdelta.model.base import Evidence, Frozen

STRIDE_LETTERS = "STRIDE"


class ThreatStatus(StrEnum):
    OPEN = "open"
    MITIGATED = "mitigated"
    NOT_APPLICABLE = "not-applicable"
    ACCEPTED = "accepted"


class ModelFormat(StrEnum):
    """The file format a threat model was imported from."""

    THREAT_DRAGON = "threat-dragon"
    OTM = "otm"
    THREAGILE = "threagile"


class ImportedThreat(Frozen):
    """One threat of an imported model, on the element whose key is `element` (`""` when
    the source ties it to no element it describes)."""

    element: str
    title: str
    stride: tuple[str, ...] = ()  # STRIDE letters, as the source categorised it
    status: ThreatStatus = ThreatStatus.OPEN
    severity: str = ""  # lower-case as written by the source (`high`, `medium`, ...)
    description: str = ""
    mitigation: str = ""
    source_id: str = ""  # the threat's id in the source file, when it has one
    source_format: ModelFormat
    evidence: tuple[Evidence, ...] = ()

    @field_validator("stride")
    @classmethod
    def _letters(cls, value: tuple[str, ...]) -> tuple[str, ...]:
        for letter in value:
            if len(letter) != 1 or letter not in STRIDE_LETTERS:
                raise ValueError(f"not a STRIDE letter: {letter!r}")
        return value
