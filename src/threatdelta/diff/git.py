"""The one place that talks to git (through GitPython).

Only read-only plumbing commands run, with argument lists (never a shell), options that keep
user and repository configuration out of the output (no external diff, no textconv, fixed
prefixes, no pager, no colour), `core.fsmonitor` off and optional locks off, so nothing
configured in the analysed repository is executed and its index is never rewritten.
Repository hooks only run on commands that change a repository; none of those is used.
"""

from __future__ import annotations

from collections.abc import Generator
from pathlib import Path
from types import MappingProxyType, TracebackType
from typing import Any

import git
from git.exc import GitCommandError, InvalidGitRepositoryError, NoSuchPathError

from threatdelta.diff.git_objects import (
    DiffRange,
    FileContent,
    RawChange,
    Revision,
    TreeEntry,
    WorkTreeState,
)
from threatdelta.diff.git_output import count_status, parse_raw, parse_tree
from threatdelta.diff.shallow import missing_merge_base_message, unknown_ref_hint
from threatdelta.errors import UsageError
from threatdelta.model.base import Level, Notification

_CONFIG = ("core.quotepath=false", "core.fsmonitor=false", "color.ui=false")
_ENVIRONMENT = MappingProxyType(
    {
        "GIT_OPTIONAL_LOCKS": "0",  # `status` must not refresh (write) the index
        "GIT_TERMINAL_PROMPT": "0",
        "GIT_NO_LAZY_FETCH": "1",  # a partial clone must not go to the network for a blob
        "GIT_PAGER": "cat",
    }
)
# shared by --raw and -p so both list the changed files in the same order
_DIFF_OPTIONS = ("-r", "--no-color", "--no-ext-diff", "--no-textconv", "--ignore-submodules=none")


def _git_message(exc: GitCommandError) -> str:
    text = str(exc.stderr or "").strip()
    text = text.removeprefix("stderr:").strip().strip("'").strip()
    return text.splitlines()[0] if text else f"git exited with status {exc.status}"


def open_repository(path: Path) -> Repository:
    """The git repository containing `path` (a work tree or one of its folders)."""
    if not path.exists():
        raise UsageError(f"path does not exist: {path}")
    try:
        repo = git.Repo(path, search_parent_directories=True)
    except (InvalidGitRepositoryError, NoSuchPathError):
        raise UsageError(
            f"not a git repository: {path}. `threatdelta diff` compares two commits; run it "
            "inside a git work tree (or use `threatdelta scan` for a plain folder)"
        ) from None
    return Repository(repo)


class Repository:
    """Read-only access to one repository. Use as a context manager, or call `close()`, to
    stop the git processes GitPython keeps for reading objects."""

    def __init__(self, repo: git.Repo) -> None:
        self._repo = repo
        self._folders: dict[tuple[str, str], Any] = {}  # (commit, folder) -> git.Tree | None
        self._git = repo.git
        self._git.set_persistent_git_options(c=list(_CONFIG))
        self._git.update_environment(**_ENVIRONMENT)

    def __enter__(self) -> Repository:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()

    def close(self) -> None:
        self._repo.close()

    @property
    def root(self) -> Path:
        """The work tree (the git folder for a bare repository)."""
        return Path(self._repo.working_tree_dir or self._repo.git_dir)

    def _run(self, command: str, *args: str, **options: Any) -> Any:
        try:
            return getattr(self._git, command)(*args, **options)
        except GitCommandError as exc:
            raise UsageError(
                f"git {command.replace('_', '-')} failed: {_git_message(exc)}"
            ) from None

    def _text(self, command: str, *args: str) -> str:
        return str(self._run(command, *args))

    def _bytes(self, command: str, *args: str) -> bytes:
        return bytes(
            self._run(command, *args, stdout_as_string=False, strip_newline_in_stdout=False)
        )

    # -- refs ---------------------------------------------------------------------------

    def is_shallow(self) -> bool:
        return self._text("rev_parse", "--is-shallow-repository") == "true"

    def resolve(self, ref: str) -> str:
        """The full commit id `ref` names; a clear UsageError when it names none."""
        if not ref or ref.startswith("-") or any(c in ref for c in "\0\n"):
            raise UsageError(f"not a valid git ref: {ref!r}")
        try:
            return str(self._git.rev_parse("--verify", "--quiet", f"{ref}^{{commit}}"))
        except GitCommandError:
            pass
        if ref == "HEAD" and not self._repo.head.is_valid():
            raise UsageError(f"HEAD of {self.root} is not a commit yet (no commits?)")
        hint = unknown_ref_hint(ref, self.is_shallow(), self._resolves(f"origin/{ref}"))
        raise UsageError(f"unknown ref {ref!r}: no branch, tag or commit of that name. {hint}")

    def _resolves(self, ref: str) -> bool:
        try:
            self._git.rev_parse("--verify", "--quiet", f"{ref}^{{commit}}")
        except GitCommandError:
            return False
        return True

    def merge_base(self, base: str, head: str) -> str | None:
        """The best common ancestor of two commits, or None when the history has none."""
        try:
            return str(self._git.merge_base(base, head)) or None
        except GitCommandError as exc:
            if exc.status == 1 and not _git_message(exc).startswith("fatal"):
                return None
            raise UsageError(f"git merge-base failed: {_git_message(exc)}") from None

    def resolve_range(self, base_ref: str, head_ref: str = "HEAD") -> DiffRange:
        """Resolve both refs and their merge base, as a pull request compares them."""
        base = Revision(ref=base_ref, commit=self.resolve(base_ref))
        head = Revision(ref=head_ref, commit=self.resolve(head_ref))
        shallow = self.is_shallow()
        found = self.merge_base(base.commit, head.commit)
        if found is None:
            raise UsageError(missing_merge_base_message(base_ref, head_ref, shallow))
        notes: list[Notification] = []
        if found == head.commit and base.commit != head.commit:
            notes.append(
                _note("head-in-base", f"{head_ref} is already part of {base_ref}: nothing changes")
            )
        elif found != base.commit:
            notes.append(
                _note(
                    "base-moved",
                    f"{base_ref} is not an ancestor of {head_ref} (it moved on after the branch "
                    f"point); comparing {head_ref} with their merge base {found[:12]}, as a pull "
                    "request does",
                )
            )
        return DiffRange(
            base=base, head=head, merge_base=found, shallow=shallow, notifications=tuple(notes)
        )

    # -- work tree ----------------------------------------------------------------------

    def work_tree_state(self) -> WorkTreeState:
        """Uncommitted changes; a bare repository has none."""
        if self._repo.bare:
            return WorkTreeState()
        out = self._bytes(
            "status", "--porcelain=v1", "-z", "--untracked-files=normal", "--ignore-submodules=none"
        )
        tracked, untracked = count_status(out)
        return WorkTreeState(tracked_changes=tracked, untracked_files=untracked)

    # -- changes ------------------------------------------------------------------------

    def _rename_options(self, detect_copies: bool) -> tuple[str, ...]:
        return (*_DIFF_OPTIONS, "-M", *(("-C",) if detect_copies else ()))

    def raw_changes(
        self, old: str, new: str, *, detect_copies: bool = False
    ) -> tuple[RawChange, ...]:
        """Every changed path between two commits, in git's order."""
        out = self._bytes(
            "diff_tree",
            "-z",
            "--raw",
            "--no-abbrev",
            *self._rename_options(detect_copies),
            old,
            new,
        )
        try:
            return parse_raw(out)
        except ValueError as exc:
            raise UsageError(f"unexpected output from git diff-tree: {exc}") from None

    def patch_lines(
        self, old: str, new: str, *, detect_copies: bool = False, context: int = 0
    ) -> Generator[bytes, None, None]:
        """The unified diff between two commits, line by line, streamed from git. Closing
        the iterator early stops git, so a budget bounds the work and the memory."""
        args = (
            "-p",
            f"-U{context}",
            "--src-prefix=a/",
            "--dst-prefix=b/",
            "--submodule=short",
            *self._rename_options(detect_copies),
        )
        proc = self._run("diff_tree", *args, old, new, as_process=True)
        finished = False
        try:
            yield from proc.proc.stdout
            finished = True
        finally:
            if finished:
                try:
                    proc.wait()
                except GitCommandError as exc:
                    raise UsageError(f"git diff-tree failed: {_git_message(exc)}") from None
            else:
                proc.proc.kill()
                proc.proc.wait()

    # -- files at a commit --------------------------------------------------------------

    def list_files(self, commit: str) -> tuple[TreeEntry, ...]:
        """Every file and symbolic link in the commit's tree, with blob ids and sizes."""
        out = self._bytes("ls_tree", "-r", "-z", "-l", "--full-tree", commit)
        try:
            return parse_tree(out)
        except ValueError as exc:
            raise UsageError(f"unexpected output from git ls-tree: {exc}") from None

    def entry_at(self, commit: str, path: str) -> TreeEntry | None:
        """The file at `path` in the commit, or None when there is no file there."""
        folder, _, name = path.rpartition("/")
        try:
            tree = self._folder(commit, folder)
            item = None if tree is None else tree / name
        except KeyError:
            return None
        except (ValueError, GitCommandError) as exc:
            raise UsageError(f"cannot read commit {commit[:12]}: {exc}") from None
        if item is None or item.type != "blob":
            return None
        return TreeEntry(path=path, blob_id=item.hexsha, size=item.size, mode=f"{item.mode:o}")

    def _folder(self, commit: str, folder: str) -> Any:
        """The tree of `folder` in the commit (None when it is no folder there), read once
        per run: a diff looks up several files of the same folders."""
        key = (commit, folder)
        if key not in self._folders:
            found: Any
            if not folder:
                found = self._repo.commit(commit).tree
            else:
                parent_path, _, name = folder.rpartition("/")
                parent = self._folder(commit, parent_path)
                try:
                    item = None if parent is None else parent / name
                except KeyError:
                    item = None
                found = item if item is not None and item.type == "tree" else None
            self._folders[key] = found
        return self._folders[key]

    def read_blob(self, entry: TreeEntry, max_bytes: int) -> FileContent | Notification:
        """The entry's bytes, or a notification saying why they were not read."""
        if entry.is_symlink:
            return _note(
                "symlink-not-followed", "symbolic link; not followed", entry.path, Level.NOTE
            )
        if entry.size > max_bytes:
            return _note(
                "file-too-large",
                f"file is {entry.size} bytes, over the {max_bytes}-byte limit; skipped",
                entry.path,
            )
        try:
            data = self._repo.odb.stream(bytes.fromhex(entry.blob_id)).read()
        except (ValueError, GitCommandError) as exc:
            return _note(
                "unreadable-file", f"cannot read blob {entry.blob_id[:12]}: {exc}", entry.path
            )
        return FileContent(path=entry.path, blob_id=entry.blob_id, data=data)

    def read_file(
        self, commit: str, path: str, max_bytes: int
    ) -> FileContent | Notification | None:
        """The bytes of `path` at `commit` (None when it has no such file)."""
        entry = self.entry_at(commit, path)
        return None if entry is None else self.read_blob(entry, max_bytes)


def _note(
    code: str, message: str, path: str | None = None, level: Level = Level.WARNING
) -> Notification:
    return Notification(level=level, code=code, message=message, path=path)
