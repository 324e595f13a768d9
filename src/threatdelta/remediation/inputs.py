"""What a scan keeps for remediation: the text it analysed and the fragments each file gave,
so a proof re-extracts only the patched file(s) and re-links with the others unchanged."""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass

from threatdelta.extractors.base import Extractor, SourceFile
from threatdelta.model.fragment import ModelFragment
from threatdelta.rules.spec import Rule


@dataclass(frozen=True)
class ScanInputs:
    """The analysed files of one scan by repository path, their fragments, and the extractors
    and rules that produced the report."""

    files: Mapping[str, SourceFile]
    fragments: Mapping[str, tuple[ModelFragment, ...]]
    extractors: Sequence[Extractor]
    rules: Sequence[Rule]

    def texts(self) -> Mapping[str, str]:
        """The head text of every analysed file by repository path (a read-only view)."""
        return TextView(self.files)

    def fragments_without(self, paths: frozenset[str]) -> list[ModelFragment]:
        """The fragments of every file but `paths`, in scan order."""
        return [f for path, found in self.fragments.items() if path not in paths for f in found]


class TextView(Mapping[str, str]):
    """The texts of a mapping of source files, read only when asked for."""

    def __init__(self, files: Mapping[str, SourceFile]) -> None:
        self._files = files

    def __getitem__(self, path: str) -> str:
        return self._files[path].text

    def __iter__(self) -> Iterator[str]:
        return iter(self._files)

    def __len__(self) -> int:
        return len(self._files)
