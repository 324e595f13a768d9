"""The extractor seam: one small module per artifact type, file -> model fragment."""

from __future__ import annotations

from fnmatch import fnmatchcase
from typing import Protocol

from threatdelta.model.base import Frozen
from threatdelta.model.fragment import ModelFragment


def suffix_of(path: str) -> str:
    """Lower-case suffix of a path's file name, with its dot ("" when it has none)."""
    name = path.rsplit("/", 1)[-1]
    return "." + name.rsplit(".", 1)[-1].lower() if "." in name else ""


class SourceFile(Frozen):
    """A repository file already read and decoded: repo-relative POSIX path and its text."""

    path: str
    text: str

    @property
    def suffix(self) -> str:
        return suffix_of(self.path)


class Extractor(Protocol):
    """`claims` must be cheap (suffix and a peek at the text); `extract` must not raise for
    bad content: it returns a fragment with notifications. The engine still isolates
    crashes. `version` changes whenever output for the same input may change (cache key)."""

    @property
    def name(self) -> str: ...

    @property
    def version(self) -> str: ...

    @property
    def suffixes(self) -> frozenset[str]:
        """Lower-case file suffixes worth reading for this extractor (".py", ".yaml")."""
        ...

    def claims(self, source: SourceFile) -> bool: ...

    def extract(self, source: SourceFile) -> ModelFragment: ...


def file_names_of(extractor: Extractor) -> frozenset[str]:
    """Lower-case glob patterns on a file's name (`dockerfile`, `dockerfile.*`) that an
    extractor reads whatever its suffix: its optional `file_names` property, else none."""
    names: object = getattr(extractor, "file_names", frozenset())
    return names if isinstance(names, frozenset) else frozenset()


def wants(extractor: Extractor, source: SourceFile) -> bool:
    """Whether the file is of a kind the extractor reads (by suffix or file name); cheap."""
    if source.suffix in extractor.suffixes:
        return True
    names = file_names_of(extractor)
    return bool(names) and name_matches(source.path, names)


def name_matches(path: str, patterns: frozenset[str]) -> bool:
    """Whether the file name of `path`, lower-cased, matches one of the glob `patterns`."""
    name = path.rsplit("/", 1)[-1].lower()
    return any(fnmatchcase(name, pattern) for pattern in patterns)
