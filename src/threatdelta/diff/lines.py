"""Line spans and hunks: where a change is, on the base side and on the head side."""

from __future__ import annotations

from collections.abc import Iterable

from pydantic import Field, model_validator

from threatdelta.model.base import Frozen


class LineSpan(Frozen):
    """Lines `start..end` of a file, 1-based and inclusive."""

    start: int = Field(ge=1)
    end: int = Field(ge=1)

    @model_validator(mode="after")
    def _ordered(self) -> LineSpan:
        if self.end < self.start:
            raise ValueError("end must not be before start")
        return self

    def overlaps(self, start: int, end: int) -> bool:
        return self.start <= end and start <= self.end


class Hunk(Frozen):
    """One hunk header: `@@ -old_start,old_length +new_start,new_length @@`. A length of 0
    means nothing on that side; the start is then the line after which lines were removed
    (new side) or added (old side)."""

    old_start: int = Field(ge=0)
    old_length: int = Field(ge=0)
    new_start: int = Field(ge=0)
    new_length: int = Field(ge=0)

    @property
    def old_span(self) -> LineSpan | None:
        if not self.old_length:
            return None
        return LineSpan(start=self.old_start, end=self.old_start + self.old_length - 1)

    @property
    def new_span(self) -> LineSpan | None:
        if not self.new_length:
            return None
        return LineSpan(start=self.new_start, end=self.new_start + self.new_length - 1)


def spans_of(lines: Iterable[int]) -> tuple[LineSpan, ...]:
    """The fewest spans covering exactly `lines`."""
    spans: list[LineSpan] = []
    start = end = 0
    for line in sorted(set(lines)):
        if start and line == end + 1:
            end = line
            continue
        if start:
            spans.append(LineSpan(start=start, end=end))
        start = end = line
    if start:
        spans.append(LineSpan(start=start, end=end))
    return tuple(spans)
