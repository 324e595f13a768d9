"""The files of a commit as remediation reads them, loaded only when asked for: a diff proves
the patches of the threats a change introduces without reading the whole head commit."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping, Sequence

from threatdelta.diff.git import Repository
from threatdelta.diff.git_objects import TreeEntry
from threatdelta.diff.snapshot import candidate_entries
from threatdelta.extractors.base import Extractor, SourceFile
from threatdelta.model.base import Notification
from threatdelta.model.fragment import ModelFragment
from threatdelta.sources import decode_source, is_skipped_dir, selection_of

Loader = Callable[[str], list[ModelFragment]]


class CandidateFiles:
    """The candidate files of one commit (those an extractor selects, outside skipped
    folders). One file is looked up in the commit's tree on its own; the commit is listed
    only when a caller walks every file."""

    def __init__(self, repo: Repository, commit: str, extractors: Sequence[Extractor]) -> None:
        self._repo, self._commit, self._extractors = repo, commit, extractors
        self._selection = selection_of(extractors)
        self._listed: dict[str, TreeEntry] | None = None
        self._found: dict[str, TreeEntry | None] = {}

    def entry(self, path: str) -> TreeEntry | None:
        """The tree entry of a candidate file, None when `path` is not one."""
        if self._listed is not None:
            return self._listed.get(path)
        if path not in self._found:
            candidate = self._selection.selects(path) and not is_skipped_dir(path)
            self._found[path] = self._repo.entry_at(self._commit, path) if candidate else None
        return self._found[path]

    def paths(self) -> list[str]:
        """Every candidate file of the commit, in tree order."""
        if self._listed is None:
            entries = candidate_entries(self._repo, self._commit, self._extractors)
            self._listed = {e.path: e for e in entries}
        return list(self._listed)


class CommitSources(Mapping[str, SourceFile]):
    """The decoded text of the candidate files of one commit, read from git on first use
    (a file that cannot be read or decoded is absent)."""

    def __init__(self, repo: Repository, files: CandidateFiles, max_bytes: int) -> None:
        self._repo = repo
        self._files = files
        self._max_bytes = max_bytes
        self._read: dict[str, SourceFile | None] = {}

    def _load(self, path: str) -> SourceFile | None:
        if path not in self._read:
            entry = self._files.entry(path)
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
        return (path for path in self._files.paths() if self._load(path) is not None)

    def __len__(self) -> int:
        return sum(1 for _ in self)


class CommitFragments(Mapping[str, tuple[ModelFragment, ...]]):
    """The fragments of the candidate files of one commit, through the diff's loader."""

    def __init__(self, load: Loader, files: CandidateFiles) -> None:
        self._load = load
        self._files = files
        self._loaded: dict[str, tuple[ModelFragment, ...]] = {}

    def __getitem__(self, path: str) -> tuple[ModelFragment, ...]:
        if path not in self._loaded:
            if self._files.entry(path) is None:
                raise KeyError(path)
            self._loaded[path] = tuple(self._load(path))
        return self._loaded[path]

    def __iter__(self) -> Iterator[str]:
        return iter(self._files.paths())

    def __len__(self) -> int:
        return len(self._files.paths())
