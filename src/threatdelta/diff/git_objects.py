"""Value types for what git tells us: revisions, tree entries, raw changes, work-tree state."""

from __future__ import annotations

from enum import StrEnum
from types import MappingProxyType

from pydantic import Field

from threatdelta.model.base import Frozen, Level, Notification

REGULAR_MODE = "100644"
EXECUTABLE_MODE = "100755"
SYMLINK_MODE = "120000"
GITLINK_MODE = "160000"  # a submodule's commit recorded in the tree


class ChangeStatus(StrEnum):
    ADDED = "added"
    MODIFIED = "modified"
    DELETED = "deleted"
    RENAMED = "renamed"
    COPIED = "copied"
    TYPE_CHANGED = "type-changed"  # e.g. a regular file became a symbolic link


STATUS_LETTERS = MappingProxyType(
    {
        "A": ChangeStatus.ADDED,
        "M": ChangeStatus.MODIFIED,
        "D": ChangeStatus.DELETED,
        "R": ChangeStatus.RENAMED,
        "C": ChangeStatus.COPIED,
        "T": ChangeStatus.TYPE_CHANGED,
    }
)


def display_path(raw: bytes) -> str:
    """A git path (bytes, usually UTF-8) as text; undecodable bytes become U+FFFD."""
    return raw.decode("utf-8", errors="replace")


class Revision(Frozen):
    """A ref as the user gave it and the commit it resolved to (full hex id)."""

    ref: str
    commit: str


class DiffRange(Frozen):
    """What a pull request compares: head against the merge base of base and head."""

    base: Revision
    head: Revision
    merge_base: str
    shallow: bool = False
    notifications: tuple[Notification, ...] = ()


class WorkTreeState(Frozen):
    """Uncommitted changes in the work tree. The diff compares commits, so they are not
    analysed; a dirty tree is reported as a warning, never an error."""

    tracked_changes: int = Field(default=0, ge=0)  # staged or unstaged edits of tracked files
    untracked_files: int = Field(default=0, ge=0)

    @property
    def dirty(self) -> bool:
        return self.tracked_changes > 0

    def notification(self) -> Notification | None:
        """A warning for a dirty tree; None when it is clean (untracked files do not count)."""
        if not self.dirty:
            return None
        return Notification(
            level=Level.WARNING,
            code="dirty-work-tree",
            message=f"the work tree has {self.tracked_changes} uncommitted change(s) to tracked "
            "files; they are not analysed, because the diff compares commits. Commit them to "
            "include them",
        )


class TreeEntry(Frozen):
    """A file (or symbolic link) in a commit's tree, with its blob id and size in bytes."""

    path: str
    blob_id: str
    size: int = Field(ge=0)
    mode: str = REGULAR_MODE

    @property
    def is_symlink(self) -> bool:
        return self.mode == SYMLINK_MODE


class FileContent(Frozen):
    """The bytes of a file at a commit."""

    path: str
    blob_id: str
    data: bytes


class RawChange(Frozen):
    """One record of `git diff-tree --raw -z`: paths are git's bytes, exactly."""

    status: ChangeStatus
    score: int | None = None  # similarity in percent, for renames and copies
    old_mode: str | None = None  # None when the file does not exist on that side
    new_mode: str | None = None
    old_blob: str | None = None
    new_blob: str | None = None
    old_path: bytes | None = None
    new_path: bytes | None = None

    @property
    def is_submodule(self) -> bool:
        return GITLINK_MODE in (self.old_mode, self.new_mode)

    @property
    def patch_count(self) -> int:
        """How many `diff --git` sections git prints for it: a type change is printed as a
        deletion followed by a creation."""
        return 2 if self.status is ChangeStatus.TYPE_CHANGED else 1
