"""What a `threatdelta diff` run knows before the head is analysed (the range, the change
set, the relevance of each file and the notifications so far), and how it becomes the
delta report."""

from __future__ import annotations

from threatdelta.diff.changes import ChangeSet
from threatdelta.diff.delta import DeltaReport, commentable_files
from threatdelta.diff.git_objects import DiffRange
from threatdelta.diff.relevance import FileRelevance
from threatdelta.model.base import Level, Notification
from threatdelta.report import ScanReport


class PendingReport:
    """What a run knows before the head is analysed, and how it becomes a report."""

    def __init__(
        self,
        rng: DiffRange,
        changes: ChangeSet,
        relevance: FileRelevance,
        notes: list[Notification],
    ) -> None:
        self.rng, self.changes, self.relevance, self.notes = rng, changes, relevance, notes
        self.complete = changes.complete and relevance.complete
        self.over = False  # the file budget left a file unloaded

    def make(self, register: ScanReport | None, **fields: object) -> DeltaReport:
        return DeltaReport.model_validate(
            {
                "base": self.rng.base.ref,
                "head": self.rng.head.ref,
                "base_commit": self.rng.base.commit,
                "head_commit": self.rng.head.commit,
                "merge_base": self.rng.merge_base,
                "changed_files": self.relevance.files,
                "commentable": commentable_files(self.changes),
                "notifications": tuple(self.notes),
                "head_register": register,
                **fields,
            }
        )

    def over_budget(self, path: str, limit: int) -> None:
        self.over = True
        if self.complete:
            self.notes.append(
                Notification(
                    level=Level.ERROR,
                    code="budget-exhausted",
                    path=path,
                    message=f"file budget reached ({limit} files): this file and any later ones "
                    "were not analysed",
                )
            )
        self.complete = False

    def unchanged(self, register: ScanReport | None) -> DeltaReport:
        """Nothing we model changed: the head register is the base register."""
        return self.make(register, relevant=False, complete=self.complete)
