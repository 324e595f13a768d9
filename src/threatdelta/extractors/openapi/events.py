"""Builds the value tree from a YAML event stream, within a depth and a node budget.

No tag is ever constructed: core tags (`!!str`, `!!int`, ...) choose how a scalar is read,
any other tag is kept as data (`TaggedStr`, or `tag` on a container). Aliases share the
anchored value; each alias adds the anchored value's node count to the budget, so an
alias-heavy document is refused as soon as it would expand past `max_nodes`.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field

from yaml.events import (
    AliasEvent,
    DocumentStartEvent,
    Event,
    MappingEndEvent,
    MappingStartEvent,
    ScalarEvent,
    SequenceEndEvent,
    SequenceStartEvent,
)

from threatdelta.extractors.openapi.scalars import resolve_plain
from threatdelta.extractors.openapi.tree import Span, TaggedStr, YamlMap, YamlSeq, YamlValue

_CORE = "tag:yaml.org,2002:"
_TYPED_CORE = frozenset({_CORE + t for t in ("int", "float", "bool", "null")})
_CONTAINER_CORE = frozenset({_CORE + t for t in ("map", "seq", "omap", "set", "pairs")})
_MERGE_KEY = "<<"


class LoadRefused(Exception):
    """The document is refused (a budget hit, a bad alias); `code` is the notification's."""

    def __init__(self, code: str, message: str, line: int) -> None:
        super().__init__(message)
        self.code = code
        self.message = message
        self.line = line


@dataclass(slots=True)
class _Frame:
    container: YamlMap | YamlSeq
    anchor: str | None
    count_before: int
    flow: bool
    key: str | None = None
    key_line: int = 0
    key_is_merge: bool = False
    merges: list[YamlMap] = field(default_factory=list)


def _first_line(event: Event) -> int:
    mark = event.start_mark
    return mark.line + 1 if mark is not None else 1


def _line_after(event: Event) -> int:
    """The 1-based last line of what `event` covers (a mark at column 0 ends the line above)."""
    mark = event.end_mark
    if mark is None:
        return _first_line(event)
    return mark.line + 1 if mark.column > 0 else max(mark.line, _first_line(event))


class TreeBuilder:
    """Feed it the events of a stream; read `documents` and `remarks` at the end."""

    def __init__(self, text: str, *, max_depth: int, max_nodes: int) -> None:
        self.text = text
        self.max_depth = max_depth
        self.max_nodes = max_nodes
        self.documents: list[YamlValue] = []
        self.remarks: list[tuple[str, str]] = []  # (code, message) for notes
        self._stack: list[_Frame] = []
        self._anchors: dict[str, tuple[YamlValue, int]] = {}  # value, expanded node count
        self._count = 0
        self._seen_remarks: set[str] = set()
        self._lines: list[str] | None = None
        self._aliased = False

    def feed(self, event: Event) -> None:
        kind = type(event)
        if kind is ScalarEvent:
            self._scalar(event)  # type: ignore[arg-type]
        elif kind is MappingStartEvent or kind is SequenceStartEvent:
            self._open(event, YamlMap if kind is MappingStartEvent else YamlSeq)  # type: ignore[arg-type]
        elif kind is MappingEndEvent or kind is SequenceEndEvent:
            self._close(event)
        elif kind is AliasEvent:
            self._alias(event)  # type: ignore[arg-type]
        elif kind is DocumentStartEvent:
            self._anchors.clear()

    def _grow(self, nodes: int, line: int) -> None:
        self._count += nodes
        if self._count > self.max_nodes:
            why = " (aliases repeated over and over, as in a 'billion laughs' document)"
            raise LoadRefused(
                "too-many-nodes",
                f"the document expands to more than {self.max_nodes} nodes"
                + (why if nodes > 1 or self._aliased else ""),
                line,
            )

    def _scalar(self, event: ScalarEvent) -> None:
        line = _first_line(event)
        self._grow(1, line)
        frame = self._stack[-1] if self._stack else None
        if frame is not None and frame.key is None and isinstance(frame.container, YamlMap):
            frame.key = event.value  # keys are kept as written
            frame.key_line = line
            frame.key_is_merge = event.value == _MERGE_KEY and event.implicit[0]
            if event.anchor is not None:
                self._anchors[event.anchor] = (event.value, 1)
            return
        value = self._scalar_value(event)
        if event.anchor is not None:
            self._anchors[event.anchor] = (value, 1)
        end = _line_after(event)
        if event.style in ("|", ">") and end > line:
            end = self._last_content_line(line, end)
        self._add(value, line, end)

    def _last_content_line(self, start: int, end: int) -> int:
        """A block scalar's events end after the blank lines that follow it; skip them."""
        if self._lines is None:
            self._lines = self.text.split("\n")
        lines = self._lines
        while end > start and (end > len(lines) or not lines[end - 1].strip()):
            end -= 1
        return end

    def _scalar_value(self, event: ScalarEvent) -> YamlValue:
        tag, text = event.tag, event.value
        if tag is None or tag == "!":
            return resolve_plain(text) if event.implicit[0] else text
        if tag in _TYPED_CORE:
            return resolve_plain(text)
        if tag == _CORE + "str":
            return text
        self._remark_tag(tag)
        return TaggedStr(text, tag)

    def _open(self, event: MappingStartEvent | SequenceStartEvent, kind: type) -> None:
        line = _first_line(event)
        if len(self._stack) >= self.max_depth:
            raise LoadRefused(
                "too-deeply-nested", f"nested more than {self.max_depth} levels deep", line
            )
        count_before = self._count
        self._grow(1, line)
        tag = event.tag if event.tag not in (None, "!") else None
        if tag is not None and tag in _CONTAINER_CORE:
            tag = None
        if tag is not None:
            self._remark_tag(tag)
        container = kind(line, tag)
        self._stack.append(_Frame(container, event.anchor, count_before, bool(event.flow_style)))

    def _close(self, event: Event) -> None:
        frame = self._stack.pop()
        container = frame.container
        if frame.flow:
            container.end_line = max(container.end_line, _line_after(event))
        if isinstance(container, YamlMap) and frame.merges:
            _apply_merges(container, frame.merges)
        if frame.anchor is not None:
            self._anchors[frame.anchor] = (container, self._count - frame.count_before)
        self._add(container, container.start_line, container.end_line)

    def _alias(self, event: AliasEvent) -> None:
        line = _first_line(event)
        anchor = event.anchor or ""
        if anchor not in self._anchors:
            raise LoadRefused(
                "parse-error",
                f"alias '*{anchor}' refers to no complete anchored node before it",
                line,
            )
        value, size = self._anchors[anchor]
        self._aliased = True
        self._grow(size, line)
        self._add(value, line, line)

    def _add(self, value: YamlValue, start: int, end: int) -> None:
        if not self._stack:
            self.documents.append(value)
            return
        frame = self._stack[-1]
        container = frame.container
        container.end_line = max(container.end_line, end)
        if isinstance(container, YamlSeq):
            container.append(value)
            container.spans.append((start, end))
        elif frame.key is None:  # a complex key (a mapping or a sequence, or an alias)
            frame.key = _key_text(value)
            frame.key_line = start
            frame.key_is_merge = False
        else:
            self._put(frame, container, value, (frame.key_line, end))

    def _put(self, frame: _Frame, mapping: YamlMap, value: YamlValue, span: Span) -> None:
        key = frame.key or ""
        frame.key = None
        if frame.key_is_merge:
            frame.merges.extend(_merge_sources(value))
            return
        if key in mapping and "duplicate-key" not in self._seen_remarks:
            self._seen_remarks.add("duplicate-key")
            self.remarks.append(
                ("duplicate-key", f"line {span[0]}: duplicate key '{key}'; the last one is used")
            )
        mapping[key] = value
        mapping.spans[key] = span

    def _remark_tag(self, tag: str) -> None:
        if tag in self._seen_remarks:
            return
        self._seen_remarks.add(tag)
        if tag.startswith(_CORE + "python/") or tag.startswith("!!python/"):
            self.remarks.append(
                ("unsafe-yaml-tag", f"tag '{tag}' is not constructed; its value is read as data")
            )


def _key_text(value: YamlValue) -> str:
    if isinstance(value, YamlMap | YamlSeq):
        return json.dumps(value, default=str)[:200]
    if isinstance(value, bool):
        return "true" if value else "false"
    return "" if value is None else str(value)


def _merge_sources(value: YamlValue) -> list[YamlMap]:
    if isinstance(value, YamlMap):
        return [value]
    if isinstance(value, YamlSeq):
        return value.maps()
    return []


def _apply_merges(mapping: YamlMap, sources: list[YamlMap]) -> None:
    """YAML merge keys: explicit keys win, then earlier sources over later ones."""
    for source in sources:
        for key, value in source.items():
            if key not in mapping:
                mapping[key] = value
                mapping.spans[key] = source.span_of(key)
