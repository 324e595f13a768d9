"""A line edit of one file: the unit of every patch (rule fixes, LLM patches, SARIF
`replacements`, PR suggestions)."""

from __future__ import annotations

from pydantic import Field, model_validator

from threatdelta.model.base import Frozen


class TextEdit(Frozen):
    """Replace lines `start`..`end` (1-based, inclusive) of `path` with `lines`. An insertion
    before line `start` has `end == start - 1` (after the last line: `start = len + 1`). `lines`
    hold no newline characters: the file's own newline is used when the edit is applied."""

    path: str
    start: int = Field(ge=1)
    end: int = Field(ge=0)
    lines: tuple[str, ...] = ()

    @model_validator(mode="after")
    def _check(self) -> TextEdit:
        if self.end < self.start - 1:
            raise ValueError("edit ends before it starts")
        if any("\n" in line or "\r" in line for line in self.lines):
            raise ValueError("edit lines must not contain newlines")
        return self

    @property
    def is_insertion(self) -> bool:
        return self.end == self.start - 1
