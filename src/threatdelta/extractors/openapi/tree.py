"""The value tree a YAML or JSON document loads into: plain Python values whose containers
remember where they are in the file.

Mappings and sequences are `dict`/`list` subclasses, so consumers read them as ordinary
data, and ask for lines when they need evidence: `YamlMap.span_of(key)` is the line of the
key through the last line of its value, `YamlSeq.spans[i]` the lines of item `i`. Lines are
1-based. Mapping keys are always the key's text as written (`200`, not the integer 200).
Values follow the YAML 1.2 core schema (the JSON one for JSON files): `yes`/`on` stay text.

Aliases are shared, not copied: the tree is a DAG with no cycles (the loader refuses an
alias to a node that is not complete yet), and its expanded size is bounded by the loader.
A value under an unknown tag (`!Ref`, `!!python/object:...`) is kept as plain data; a
tagged scalar is a `TaggedStr` that remembers the tag, and a container has `tag` set.
"""

from __future__ import annotations

from dataclasses import dataclass

from threatdelta.model.base import Notification

Span = tuple[int, int]  # first line, last line (1-based, inclusive)


class TaggedStr(str):
    """A scalar under a tag the loader does not interpret (`!Ref x`): its text and its tag."""

    __slots__ = ("tag",)
    tag: str

    def __new__(cls, value: str, tag: str) -> TaggedStr:
        obj = super().__new__(cls, value)
        obj.tag = tag
        return obj


class YamlMap(dict[str, "YamlValue"]):
    """A mapping with the span of the whole mapping and of each entry."""

    __slots__ = ("end_line", "spans", "start_line", "tag")

    def __init__(self, start_line: int = 1, tag: str | None = None) -> None:
        super().__init__()
        self.start_line = start_line
        self.end_line = start_line
        self.spans: dict[str, Span] = {}
        self.tag = tag

    def span_of(self, key: str) -> Span:
        """Key line through the value's last line; the whole mapping for an absent key."""
        return self.spans.get(key, (self.start_line, self.end_line))

    def line_of(self, key: str) -> int:
        return self.span_of(key)[0]

    def map(self, key: str) -> YamlMap | None:
        value = self.get(key)
        return value if isinstance(value, YamlMap) else None

    def seq(self, key: str) -> YamlSeq | None:
        value = self.get(key)
        return value if isinstance(value, YamlSeq) else None

    def text(self, key: str) -> str | None:
        """The value as text when it is a scalar other than null (`2.0` -> "2.0")."""
        value = self.get(key)
        if value is None or isinstance(value, YamlMap | YamlSeq):
            return None
        if isinstance(value, bool):
            return "true" if value else "false"
        return str(value)


class YamlSeq(list["YamlValue"]):
    """A sequence with the span of the whole sequence and of each item."""

    __slots__ = ("end_line", "spans", "start_line", "tag")

    def __init__(self, start_line: int = 1, tag: str | None = None) -> None:
        super().__init__()
        self.start_line = start_line
        self.end_line = start_line
        self.spans: list[Span] = []
        self.tag = tag

    def maps(self) -> list[YamlMap]:
        """The items that are mappings, in order."""
        return [item for item in self if isinstance(item, YamlMap)]


YamlValue = YamlMap | YamlSeq | str | int | float | bool | None


@dataclass(frozen=True, slots=True)
class LoadedDocument:
    """Every document of a YAML stream (one for JSON) and the loader's remarks on them
    (duplicate keys, ignored tags, positions unavailable)."""

    path: str
    documents: tuple[YamlValue, ...]
    notifications: tuple[Notification, ...] = ()

    @property
    def root(self) -> YamlValue:
        """The first document; None for an empty file."""
        return self.documents[0] if self.documents else None
