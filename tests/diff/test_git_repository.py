"""Git access: opening, refs, merge bases (also in shallow clones), work-tree state, files."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import git
import pytest
from git_builder import RepoBuilder

from threatdelta.diff.git import Repository, open_repository
from threatdelta.errors import UsageError


@pytest.fixture
def builder(tmp_path: Path) -> RepoBuilder:
    return RepoBuilder(tmp_path / "repo")


def _branched(builder: RepoBuilder) -> tuple[str, str, str]:
    """main: c0 - m1; feature: c0 - f1. Returns (c0, m1, f1)."""
    builder.write("app.py", "print('v0')\n")
    c0 = builder.commit("base")
    builder.branch("feature")
    builder.write("feature.py", "x = 1\n")
    f1 = builder.commit("feature work")
    builder.checkout("main")
    builder.write("main.py", "y = 2\n")
    m1 = builder.commit("main moves on")
    return c0, m1, f1


# -- opening ----------------------------------------------------------------------------


def test_plain_folder_is_a_usage_error_saying_it_is_not_a_repository(tmp_path: Path) -> None:
    plain = tmp_path / "plain"
    plain.mkdir()
    with pytest.raises(UsageError, match="not a git repository"):
        open_repository(plain)


def test_missing_path_is_a_usage_error(tmp_path: Path) -> None:
    with pytest.raises(UsageError, match="does not exist"):
        open_repository(tmp_path / "nowhere")


def test_opening_a_subfolder_finds_the_work_tree_root(builder: RepoBuilder) -> None:
    builder.write("src/app.py", "x = 1\n")
    builder.commit()
    with open_repository(builder.path / "src") as repo:
        assert repo.root.resolve() == builder.path.resolve()


# -- refs and merge base ----------------------------------------------------------------


def test_unknown_ref_is_a_usage_error_naming_the_ref(builder: RepoBuilder) -> None:
    builder.write("a.py", "x = 1\n")
    builder.commit()
    with open_repository(builder.path) as repo, pytest.raises(UsageError) as caught:
        repo.resolve("no-such-branch")
    assert "'no-such-branch'" in str(caught.value)
    assert "unknown ref" in str(caught.value)


def test_repository_without_commits_says_so(builder: RepoBuilder) -> None:
    with open_repository(builder.path) as repo, pytest.raises(UsageError, match="no commits"):
        repo.resolve("HEAD")


def test_ref_that_looks_like_an_option_is_refused(builder: RepoBuilder) -> None:
    builder.write("a.py", "x = 1\n")
    builder.commit()
    with open_repository(builder.path) as repo, pytest.raises(UsageError, match="not a valid"):
        repo.resolve("--output=/tmp/x")


def test_unknown_local_branch_suggests_the_remote_tracking_one(builder: RepoBuilder) -> None:
    builder.write("a.py", "x = 1\n")
    commit = builder.commit()
    builder.git.update_ref("refs/remotes/origin/release", commit)
    with open_repository(builder.path) as repo, pytest.raises(UsageError, match="origin/release"):
        repo.resolve("release")


def test_range_uses_the_merge_base_when_the_base_moved_on(builder: RepoBuilder) -> None:
    c0, m1, f1 = _branched(builder)
    with open_repository(builder.path) as repo:
        diff_range = repo.resolve_range("main", "feature")
    assert (diff_range.base.commit, diff_range.head.commit) == (m1, f1)
    assert diff_range.merge_base == c0
    assert [n.code for n in diff_range.notifications] == ["base-moved"]


def test_range_of_a_branch_on_top_of_base_has_no_notification(builder: RepoBuilder) -> None:
    c0, _m1, f1 = _branched(builder)
    builder.git.branch("old-main", c0)
    with open_repository(builder.path) as repo:
        diff_range = repo.resolve_range("old-main", "feature")
    assert (diff_range.merge_base, diff_range.head.commit) == (c0, f1)
    assert diff_range.notifications == ()


def test_head_already_merged_into_base_is_reported_as_nothing_changing(
    builder: RepoBuilder,
) -> None:
    c0, m1, _f1 = _branched(builder)
    with open_repository(builder.path) as repo:
        diff_range = repo.resolve_range("main", c0)
    assert (diff_range.base.commit, diff_range.merge_base) == (m1, c0)
    assert [n.code for n in diff_range.notifications] == ["head-in-base"]


def test_unrelated_histories_are_a_usage_error_saying_there_is_no_merge_base(
    builder: RepoBuilder,
) -> None:
    builder.write("a.py", "x = 1\n")
    builder.commit()
    builder.git.checkout("-q", "--orphan", "unrelated")
    builder.write("b.py", "y = 2\n")
    builder.commit("unrelated root")
    with open_repository(builder.path) as repo, pytest.raises(UsageError) as caught:
        repo.resolve_range("main", "unrelated")
    assert "no common history" in str(caught.value)
    assert "'main'" in str(caught.value) and "'unrelated'" in str(caught.value)


def _shallow_clone(origin: Path, target: Path, depth: int) -> None:
    git.Repo.clone_from(
        f"file://{origin}", target, depth=depth, no_single_branch=True, multi_options=["-q"]
    )


def test_shallow_clone_without_the_merge_base_says_what_to_fetch(
    builder: RepoBuilder, tmp_path: Path
) -> None:
    _branched(builder)
    clone = tmp_path / "clone"
    _shallow_clone(builder.path, clone, depth=1)
    with open_repository(clone) as repo:
        assert repo.is_shallow()
        with pytest.raises(UsageError) as caught:
            repo.resolve_range("origin/main", "origin/feature")
    message = str(caught.value)
    assert "shallow clone" in message
    assert "git fetch --deepen=" in message
    assert "fetch-depth: 0" in message


def test_shallow_clone_with_the_merge_base_present_works(
    builder: RepoBuilder, tmp_path: Path
) -> None:
    c0, _m1, _f1 = _branched(builder)
    clone = tmp_path / "clone"
    _shallow_clone(builder.path, clone, depth=2)
    with open_repository(clone) as repo:
        diff_range = repo.resolve_range("origin/main", "origin/feature")
    assert diff_range.shallow is True
    assert diff_range.merge_base == c0


def test_unknown_ref_in_a_shallow_clone_says_to_fetch_it(
    builder: RepoBuilder, tmp_path: Path
) -> None:
    _branched(builder)
    clone = tmp_path / "clone"
    git.Repo.clone_from(f"file://{builder.path}", clone, depth=1, multi_options=["-q"])
    with open_repository(clone) as repo, pytest.raises(UsageError) as caught:
        repo.resolve("v1.0")
    assert "git fetch origin v1.0" in str(caught.value)


# -- work tree --------------------------------------------------------------------------


def test_edited_tracked_file_makes_the_tree_dirty_with_a_warning(builder: RepoBuilder) -> None:
    builder.write("a.py", "x = 1\n")
    builder.commit()
    builder.write("a.py", "x = 2\n")
    builder.write("new.py", "y = 1\n")
    with open_repository(builder.path) as repo:
        state = repo.work_tree_state()
    assert state.dirty
    assert (state.tracked_changes, state.untracked_files) == (1, 1)
    note = state.notification()
    assert note is not None and note.code == "dirty-work-tree" and note.level == "warning"


def test_untracked_files_alone_do_not_make_the_tree_dirty(builder: RepoBuilder) -> None:
    builder.write("a.py", "x = 1\n")
    builder.commit()
    builder.write("scratch.txt", "notes\n")
    with open_repository(builder.path) as repo:
        state = repo.work_tree_state()
    assert not state.dirty
    assert state.untracked_files == 1
    assert state.notification() is None


def _marker_script(tmp_path: Path, name: str) -> tuple[Path, Path]:
    marker = tmp_path / f"{name}-ran"
    script = tmp_path / f"{name}.sh"
    script.write_text(f"#!/bin/sh\ntouch '{marker}'\nexit 0\n")
    script.chmod(script.stat().st_mode | stat.S_IXUSR)
    return script, marker


def test_commands_configured_in_the_repository_are_never_run(
    builder: RepoBuilder, tmp_path: Path
) -> None:
    """fsmonitor hooks, external diff tools and textconv filters are repository code."""
    fsmonitor, fsmonitor_ran = _marker_script(tmp_path, "fsmonitor")
    external, external_ran = _marker_script(tmp_path, "external")
    textconv, textconv_ran = _marker_script(tmp_path, "textconv")
    builder.write(".gitattributes", "*.py diff=conv\n")
    builder.write("a.py", "x = 1\n")
    base = builder.commit()
    builder.write("a.py", "x = 2\n")
    head = builder.commit()
    builder.write("a.py", "x = 3\n")
    with builder.repo.config_writer() as config:  # set last: the builder itself runs git
        config.set_value("core", "fsmonitor", str(fsmonitor))
        config.set_value("diff", "external", str(external))
        config.set_value('diff "conv"', "textconv", str(textconv))
    with open_repository(builder.path) as repo:
        repo.work_tree_state()
        repo.raw_changes(base, head)
        assert b"+x = 2\n" in b"".join(repo.patch_lines(base, head))
    assert not fsmonitor_ran.exists()
    assert not external_ran.exists()
    assert not textconv_ran.exists()


def test_work_tree_state_does_not_rewrite_the_index(builder: RepoBuilder) -> None:
    builder.write("a.py", "x = 1\n")
    builder.commit()
    index = builder.path / ".git" / "index"
    os.utime(index, (1_000_000, 1_000_000))
    builder.write("a.py", "x = 2\n")
    with open_repository(builder.path) as repo:
        repo.work_tree_state()
    assert index.stat().st_mtime == 1_000_000


# -- files at a commit ------------------------------------------------------------------


def test_list_files_gives_every_blob_with_its_id_and_size(builder: RepoBuilder) -> None:
    builder.write("src/app.py", "x = 1\n")
    builder.write("docs/read me.md", "# hi\n")
    os.symlink("src/app.py", builder.path / "link.py")
    builder.write("sub/.keep", "")
    builder.commit()
    builder.record_submodule("vendor/lib", "1" * 40)
    commit = builder.commit_index("add a submodule")
    with open_repository(builder.path) as repo:
        entries = {e.path: e for e in repo.list_files(commit)}
    assert set(entries) == {"src/app.py", "docs/read me.md", "link.py", "sub/.keep"}
    assert entries["src/app.py"].blob_id == builder.git.rev_parse(f"{commit}:src/app.py")
    assert entries["src/app.py"].size == 6
    assert entries["link.py"].is_symlink
    assert not entries["src/app.py"].is_symlink


def test_read_file_returns_the_bytes_at_that_commit(builder: RepoBuilder) -> None:
    builder.write("app.py", "old = 1\n")
    old = builder.commit()
    builder.write("app.py", "new = 2\n")
    builder.commit()
    with open_repository(builder.path) as repo:
        content = repo.read_file(old, "app.py", max_bytes=1024)
        missing = repo.read_file(old, "absent.py", max_bytes=1024)
    assert content is not None and not hasattr(content, "code")
    assert content.data == b"old = 1\n"  # type: ignore[union-attr]
    assert content.blob_id == builder.git.rev_parse(f"{old}:app.py")  # type: ignore[union-attr]
    assert missing is None


def test_read_file_over_the_size_limit_gives_a_notification(builder: RepoBuilder) -> None:
    builder.write("big.py", "x = 1\n" * 100)
    commit = builder.commit()
    with open_repository(builder.path) as repo:
        result = repo.read_file(commit, "big.py", max_bytes=50)
    assert getattr(result, "code", None) == "file-too-large"


def test_read_file_does_not_follow_symbolic_links(builder: RepoBuilder) -> None:
    os.symlink("/etc/passwd", builder.path / "escape.py")
    commit = builder.commit()
    with open_repository(builder.path) as repo:
        result = repo.read_file(commit, "escape.py", max_bytes=1024)
    assert getattr(result, "code", None) == "symlink-not-followed"


def test_read_file_with_an_unusual_name(builder: RepoBuilder) -> None:
    name = 'd\u00fcr "quoted"/n\u00e4me with spaces.py'
    builder.write(name, "x = 1\n")
    commit = builder.commit()
    with open_repository(builder.path) as repo:
        listed = [e.path for e in repo.list_files(commit)]
        content = repo.read_file(commit, name, max_bytes=1024)
    assert listed == [name]
    assert getattr(content, "data", None) == b"x = 1\n"


def test_repository_is_a_context_manager_that_closes(builder: RepoBuilder) -> None:
    builder.write("a.py", "x = 1\n")
    commit = builder.commit()
    repo = open_repository(builder.path)
    assert isinstance(repo, Repository)
    with repo:
        assert repo.resolve("HEAD") == commit


def test_a_file_looked_up_on_its_own_is_the_entry_the_commit_listing_gives(
    builder: RepoBuilder,
) -> None:
    builder.write("app/api/users.py", "USERS = 1\n")
    builder.write("app/api/orders.py", "ORDERS = 1\n")
    builder.write("app/main.py", "MAIN = 1\n")
    commit = builder.commit("files")
    with open_repository(builder.path) as repo:
        listed = {e.path: e for e in repo.list_files(commit)}
        for path in ("app/api/users.py", "app/api/orders.py", "app/main.py"):
            assert repo.entry_at(commit, path) == listed[path]
        assert repo.entry_at(commit, "app/api") is None  # a folder is no file
        assert repo.entry_at(commit, "app/missing/users.py") is None
        assert repo.entry_at(commit, "app/main.py/users.py") is None  # a file is no folder
