"""The extractor seam: one small module per artifact type, file -> model fragment."""

from __future__ import annotations

from typing import Protocol

from threatdelta.model.base import Frozen
from threatdelta.model.fragment import ModelFragment


class SourceFile(Frozen):
    """A repository file already read and decoded: repo-relative POSIX path and its text."""

    path: str
    text: str

    @property
    def suffix(self) -> str:
        name = self.path.rsplit("/", 1)[-1]
        return "." + name.rsplit(".", 1)[-1].lower() if "." in name else ""


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
