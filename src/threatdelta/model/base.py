"""Primitive value types of the model: locations, evidence, tri-state facts, data classes."""

from __future__ import annotations

from enum import StrEnum

from pydantic import BaseModel, ConfigDict, Field, model_validator


class Frozen(BaseModel):
    """Base of every domain object: immutable, no unknown fields."""

    model_config = ConfigDict(frozen=True, extra="forbid")


class Tri(StrEnum):
    """A fact that may be unknown: absence of evidence is not evidence of absence."""

    YES = "yes"
    NO = "no"
    UNKNOWN = "unknown"

    @staticmethod
    def any_of(*values: Tri) -> Tri:
        """YES if any is YES, NO if all are NO, else UNKNOWN (a control applied at any layer)."""
        if Tri.YES in values:
            return Tri.YES
        if values and all(v is Tri.NO for v in values):
            return Tri.NO
        return Tri.UNKNOWN


class EvidenceRole(StrEnum):
    PRIMARY = "primary"  # where to fix
    SPEC = "spec"
    CONFIG = "config"
    CALLER = "caller"


class Location(Frozen):
    """A span in a repository file: repo-relative POSIX path, 1-based inclusive lines."""

    path: str
    start_line: int = Field(ge=1)
    end_line: int = Field(ge=1)

    @model_validator(mode="after")
    def _ordered(self) -> Location:
        if self.end_line < self.start_line:
            raise ValueError("end_line must not be before start_line")
        return self

    def contains(self, other: Location) -> bool:
        return (
            self.path == other.path
            and self.start_line <= other.start_line
            and other.end_line <= self.end_line
        )

    def __str__(self) -> str:
        return f"{self.path}:{self.start_line}"


class Evidence(Frozen):
    location: Location
    role: EvidenceRole = EvidenceRole.PRIMARY


class DataClass(StrEnum):
    """Classes of sensitive data; they drive severity."""

    CREDENTIALS = "credentials"
    TOKENS = "tokens"
    PII = "pii"
    PAYMENT = "payment"
    HEALTH = "health"
    SECRETS = "secrets"


class ElementKind(StrEnum):
    SERVICE = "service"
    ENDPOINT = "endpoint"
    DATASTORE = "datastore"
    EXTERNAL = "external"
    FLOW = "flow"
    BOUNDARY = "boundary"
    IAC = "iac"


class Level(StrEnum):
    ERROR = "error"
    WARNING = "warning"
    NOTE = "note"


class Notification(Frozen):
    """Something the run could not do or wants a human to know (skipped file, crashed rule)."""

    level: Level
    code: str  # kebab-case: parse-error, file-too-large, binary-file, rule-crashed, ...
    message: str
    path: str | None = None
