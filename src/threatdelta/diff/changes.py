"""The change a pull request makes: `merge_base..head`, file by file, with hunks and the head
lines it adds or modifies (the only lines a review comment can anchor to).

Bounded by `DiffLimits`; whatever a budget leaves out is still listed, marked `skipped`, and
named in a notification, so an incomplete diff never reads as a small one.
"""

from __future__ import annotations

from enum import StrEnum

from pydantic import Field

from threatdelta.diff.git_objects import ChangeStatus, DiffRange
from threatdelta.diff.lines import Hunk, LineSpan
from threatdelta.model.base import Frozen, Notification


class DiffLimits(Frozen):
    max_files: int = Field(default=10_000, ge=1)  # changed files read in detail
    max_file_patch_bytes: int = Field(default=1024 * 1024, ge=1)  # one file's diff text
    max_patch_bytes: int = Field(default=64 * 1024 * 1024, ge=1)  # the whole diff text
    detect_copies: bool = False


class SkipReason(StrEnum):
    TOO_LARGE = "too-large"  # the file's diff is over max_file_patch_bytes
    FILE_BUDGET = "file-budget"  # beyond max_files
    BYTE_BUDGET = "byte-budget"  # beyond max_patch_bytes
    PARSE_ERROR = "parse-error"


class FileChange(Frozen):
    """One changed file. Paths are repo-relative POSIX; `old_path` is None for an added
    file, `new_path` None for a deleted one. When `skipped` is set the hunks are unknown
    (not empty): the file changed, but how was not read."""

    status: ChangeStatus
    old_path: str | None = None
    new_path: str | None = None
    old_blob: str | None = None
    new_blob: str | None = None
    old_mode: str | None = None
    new_mode: str | None = None
    similarity: int | None = Field(default=None, ge=0, le=100)  # renames and copies
    binary: bool = False
    hunks: tuple[Hunk, ...] = ()
    added_lines: tuple[LineSpan, ...] = ()  # head lines added or modified
    skipped: SkipReason | None = None

    @property
    def path(self) -> str:
        """The head path, or the base path of a deleted file."""
        return self.new_path or self.old_path or ""

    @property
    def lines_known(self) -> bool:
        return self.skipped is None and not self.binary

    def is_added_line(self, line: int) -> bool:
        return any(span.overlaps(line, line) for span in self.added_lines)

    def touches_head(self, start: int, end: int) -> bool:
        """Whether lines `start..end` of the head file were added, modified, or had lines
        removed between them. Unknown hunks count as touching."""
        if not self.lines_known:
            return True
        for hunk in self.hunks:
            if (
                hunk.new_length
                and hunk.new_start <= end
                and start < hunk.new_start + hunk.new_length
            ):
                return True
            if not hunk.new_length and start <= hunk.new_start < end:
                return True
        return False

    def touches_base(self, start: int, end: int) -> bool:
        """Whether lines `start..end` of the base file were removed or modified, or had
        lines inserted between them. Unknown hunks count as touching."""
        if not self.lines_known:
            return True
        for hunk in self.hunks:
            if (
                hunk.old_length
                and hunk.old_start <= end
                and start < hunk.old_start + hunk.old_length
            ):
                return True
            if not hunk.old_length and start <= hunk.old_start < end:
                return True
        return False


class SubmoduleChange(Frozen):
    """A submodule whose recorded commit changed; reported, not analysed."""

    path: str
    status: ChangeStatus
    old_commit: str | None = None
    new_commit: str | None = None


class ChangeSet(Frozen):
    range: DiffRange
    files: tuple[FileChange, ...] = ()
    submodules: tuple[SubmoduleChange, ...] = ()
    notifications: tuple[Notification, ...] = ()

    @property
    def complete(self) -> bool:
        """False when a budget or a parse error left any file's hunks unread."""
        return all(f.skipped is None for f in self.files)

    @property
    def skipped(self) -> tuple[FileChange, ...]:
        return tuple(f for f in self.files if f.skipped is not None)

    def file(self, path: str) -> FileChange | None:
        """The change to the file at head `path` (or at base `path` when it was deleted)."""
        return next((f for f in self.files if f.new_path == path), None) or next(
            (f for f in self.files if f.new_path is None and f.old_path == path), None
        )
