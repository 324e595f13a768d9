"""The files of a commit as remediation reads them, loaded only when asked for: a diff proves
the patches of the threats a change introduces without reading the whole head commit."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping, Sequence

from threatdelta.diff.git import Repository
from threatdelta.diff.git_objects import TreeEntry
from threatdelta.extractors.base import SourceFile
from threatdelta.model.base import Notification
from threatdelta.model.fragment import ModelFragment
from threatdelta.sources import decode_source

Loader = Callable[[str], list[ModelFragment]]


class CommitSources(Mapping[str, SourceFile]):
    """The decoded text of the candidate files of one commit, read from git on first use
    (a file that cannot be read or decoded is absent)."""

    def __init__(self, repo: Repository, entries: Sequence[TreeEntry], max_bytes: int) -> None:
        self._repo = repo
        self._entries = {e.path: e for e in entries}
        self._max_bytes = max_bytes
        self._read: dict[str, SourceFile | None] = {}

    def _load(self, path: str) -> SourceFile | None:
        if path not in self._read:
            entry = self._entries.get(path)
            content = self._repo.read_blob(entry, self._max_bytes) if entry else None
            source = None
            if content is not None and not isinstance(content, Notification):
                decoded = decode_source(path, content.data)
                source = None if isinstance(decoded, Notification) else decoded
            self._read[path] = source
        return self._read[path]

    def __getitem__(self, path: str) -> SourceFile:
        source = self._load(path)
        if source is None:
            raise KeyError(path)
        return source

    def __iter__(self) -> Iterator[str]:
        return (path for path in self._entries if self._load(path) is not None)

    def __len__(self) -> int:
        return sum(1 for _ in self)


class CommitFragments(Mapping[str, tuple[ModelFragment, ...]]):
    """The fragments of the candidate files of one commit, through the diff's loader."""

    def __init__(self, load: Loader, paths: Sequence[str]) -> None:
        self._load = load
        self._paths = tuple(paths)
        self._known = frozenset(paths)
        self._loaded: dict[str, tuple[ModelFragment, ...]] = {}

    def __getitem__(self, path: str) -> tuple[ModelFragment, ...]:
        if path not in self._known:
            raise KeyError(path)
        if path not in self._loaded:
            self._loaded[path] = tuple(self._load(path))
        return self._loaded[path]

    def __iter__(self) -> Iterator[str]:
        return iter(self._paths)

    def __len__(self) -> int:
        return len(self._paths)
