"""`threatdelta diff` on bad input: unknown refs, unrelated or moved histories, dirty and
non-git folders, submodules, usage errors and budgets. Usage errors exit 2 with one line on
stderr and no traceback; everything else is a notification and the run goes on."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from git_builder import RepoBuilder
from scenarios import catalogue, flask_shop
from scenarios.builder import (
    PR_BRANCH,
    BuiltRepo,
    PullRequest,
    build_pull_request,
    changed_file,
    changes,
    notifications_for,
    run_cli,
    run_diff,
)
from scenarios.catalogue import FEEDBACK

from threatdelta.cli.main import EXIT_OK, EXIT_USAGE
from threatdelta.diff.changes import DiffLimits
from threatdelta.pipeline import diff
from threatdelta.reporters.delta_summary import verdict
from threatdelta.sources import ReadLimits


@pytest.fixture
def feedback_pr(tmp_path: Path) -> BuiltRepo:
    pr = PullRequest(write={"shop/app.py": flask_shop.APP_WITH_FEEDBACK})
    return build_pull_request(tmp_path, flask_shop.FILES, pr)


def _assert_usage_error(stderr: str, *phrases: str) -> None:
    assert stderr.startswith("threatdelta: error: ")
    assert stderr.count("\n") == 1, stderr  # one line
    assert "Traceback" not in stderr
    for phrase in phrases:
        assert phrase in stderr


# -- refs and histories ---------------------------------------------------------------------


def test_unknown_base_ref_is_a_usage_error(feedback_pr: BuiltRepo) -> None:
    run = run_diff(feedback_pr, base="mian")
    assert run.exit_code == EXIT_USAGE
    _assert_usage_error(run.stderr, "unknown ref 'mian'")
    assert not run.output.exists()


def test_unknown_head_ref_is_a_usage_error(feedback_pr: BuiltRepo) -> None:
    run = run_diff(feedback_pr, "--head", "feature/typo")
    assert run.exit_code == EXIT_USAGE
    _assert_usage_error(run.stderr, "unknown ref 'feature/typo'")
    assert not run.output.exists()


def test_ref_that_looks_like_an_option_is_rejected(tmp_path: Path, feedback_pr: BuiltRepo) -> None:
    output = tmp_path / "out.json"
    argv = ["diff", "--base=--output=/dev/null", str(feedback_pr.path), "-o", str(output)]
    run = run_cli(argv, output)
    assert run.exit_code == EXIT_USAGE
    _assert_usage_error(run.stderr, "not a valid git ref")
    assert not output.exists()


def test_unrelated_histories_are_a_usage_error_naming_the_missing_merge_base(
    feedback_pr: BuiltRepo,
) -> None:
    builder = feedback_pr.builder
    builder.git.checkout("-q", "--orphan", "vendor-import")
    builder.git.rm("-r", "-q", "-f", ".")
    builder.write("vendor/README.md", "imported\n")
    builder.git.add("vendor/README.md")
    builder.commit_index("import vendor tree")
    builder.checkout(PR_BRANCH)
    run = run_diff(feedback_pr, base="vendor-import")
    assert run.exit_code == EXIT_USAGE
    _assert_usage_error(run.stderr, "no common history", "--base")


def test_base_that_moved_on_is_compared_at_the_merge_base_with_a_note(
    feedback_pr: BuiltRepo,
) -> None:
    builder = feedback_pr.builder
    builder.checkout("main")
    builder.write("shop/views/accounts.py", flask_shop.ACCOUNTS.replace("202", "200"))
    moved = builder.commit("main moves on")
    builder.checkout(PR_BRANCH)
    run = run_diff(feedback_pr)
    assert run.exit_code == EXIT_OK, run.stderr
    doc = run.doc
    assert doc["base_commit"] == moved and doc["merge_base"] == feedback_pr.base
    assert "base-moved" in {n["code"] for n in doc["notifications"]}
    # only the pull request's own change is analysed, not what main did meanwhile
    assert [f["path"] for f in doc["changed_files"]] == ["shop/app.py"]
    assert changes(doc) == {FEEDBACK: "added"}


def test_head_already_merged_into_base_changes_nothing(feedback_pr: BuiltRepo) -> None:
    run = run_diff(feedback_pr, "--head", "main", base=PR_BRANCH)
    assert run.exit_code == EXIT_OK, run.stderr
    doc = run.doc
    assert "head-in-base" in {n["code"] for n in doc["notifications"]}
    assert doc["changed_files"] == [] and doc["relevant"] is False
    assert doc["introduced"] == [] and doc["resolved"] == []


def test_repository_without_commits_is_a_usage_error(tmp_path: Path) -> None:
    builder = RepoBuilder(tmp_path / "repo")
    builder.write("app.py", flask_shop.APP)
    run = run_diff(builder.path)
    assert run.exit_code == EXIT_USAGE
    _assert_usage_error(run.stderr)


# -- the work tree and the folder -----------------------------------------------------------


def test_dirty_work_tree_is_a_warning_and_only_commits_are_compared(
    feedback_pr: BuiltRepo,
) -> None:
    uncommitted = flask_shop.APP_WITH_FEEDBACK.replace("/api/feedback", "/api/feedback-v2")
    (feedback_pr.path / "shop/app.py").write_text(uncommitted)
    run = run_diff(feedback_pr)
    assert run.exit_code == EXIT_OK, run.stderr
    doc = run.doc
    [dirty] = [n for n in doc["notifications"] if n["code"] == "dirty-work-tree"]
    assert dirty["level"] == "warning" and "not analysed" in dirty["message"]
    assert changes(doc) == {FEEDBACK: "added"}  # the committed head, not the work tree


def test_non_git_folder_is_a_usage_error(tmp_path: Path) -> None:
    folder = tmp_path / "plain"
    folder.mkdir()
    (folder / "app.py").write_text(flask_shop.APP)
    run = run_diff(folder)
    assert run.exit_code == EXIT_USAGE
    _assert_usage_error(run.stderr, "not a git repository")


def test_missing_folder_is_a_usage_error(tmp_path: Path) -> None:
    run = run_diff(tmp_path / "missing")
    assert run.exit_code == EXIT_USAGE
    _assert_usage_error(run.stderr, "does not exist")


def test_subfolder_of_the_work_tree_diffs_the_whole_repository(feedback_pr: BuiltRepo) -> None:
    run = run_diff(feedback_pr.path / "shop" / "views", output=feedback_pr.path.parent / "o.json")
    assert run.exit_code == EXIT_OK, run.stderr
    assert changes(run.doc) == {FEEDBACK: "added"}


def test_submodule_change_is_noted_and_not_analysed(tmp_path: Path) -> None:
    repo = build_pull_request(tmp_path, flask_shop.FILES, PullRequest())
    builder = repo.builder
    builder.record_submodule("vendor/payments-sdk", repo.base)
    builder.write(
        ".gitmodules",
        '[submodule "vendor/payments-sdk"]\n\tpath = vendor/payments-sdk\n'
        "\turl = https://git.example.invalid/payments-sdk.git\n",
    )
    builder.git.add(".gitmodules")
    builder.commit_index("vendor the payments SDK")
    run = run_diff(repo)
    assert run.exit_code == EXIT_OK, run.stderr
    doc = run.doc
    [note] = notifications_for(doc, "vendor/payments-sdk")
    assert note["code"] == "submodule-not-analysed" and "not analysed" in note["message"]
    assert doc["relevant"] is False and doc["introduced"] == []


def test_symlinks_in_the_change_are_not_followed(tmp_path: Path) -> None:
    repo = build_pull_request(tmp_path, flask_shop.FILES, PullRequest())
    (repo.path / "shop/views/passwd.py").symlink_to("/etc/passwd")
    (repo.path / "shop/views/auth_link.py").symlink_to("../auth.py")
    repo.builder.commit("add links")
    run = run_diff(repo)
    assert run.exit_code == EXIT_OK, run.stderr
    doc = run.doc
    for path in ("shop/views/passwd.py", "shop/views/auth_link.py"):
        assert changed_file(doc, path)["analysed"] is False
        assert [n["code"] for n in notifications_for(doc, path)] == ["symlink-not-followed"]
    assert doc["relevant"] is False


# -- changed source that cannot be read -----------------------------------------------------


@pytest.mark.parametrize(
    ("scenario", "path", "code"),
    [
        pytest.param(catalogue.APP_MODULE_BROKEN, "shop/app.py", "parse-error", id="syntax"),
        pytest.param(
            catalogue.NEW_MODULE_BROKEN, "shop/views/refunds.py", "parse-error", id="new-syntax"
        ),
        pytest.param(
            catalogue.NEW_MODULE_NOT_UTF8, "shop/views/legacy.py", "not-utf8", id="latin-1"
        ),
    ],
)
def test_unreadable_changed_source_is_named_in_a_notification(
    tmp_path: Path, scenario: catalogue.Scenario, path: str, code: str
) -> None:
    run = run_diff(scenario.build(tmp_path))
    assert run.exit_code == EXIT_OK, run.stderr
    assert code in {n["code"] for n in notifications_for(run.doc, path)}


@pytest.mark.parametrize(
    "scenario",
    [
        pytest.param(catalogue.APP_MODULE_BROKEN, id="syntax"),
        pytest.param(catalogue.NEW_MODULE_BROKEN, id="new-syntax"),
        pytest.param(catalogue.NEW_MODULE_NOT_UTF8, id="latin-1"),
    ],
)
def test_unreadable_changed_source_makes_the_diff_incomplete(
    tmp_path: Path, scenario: catalogue.Scenario
) -> None:
    doc = run_diff(scenario.build(tmp_path)).doc
    assert doc["complete"] is False
    assert doc["verdict"].startswith("threatdelta: INCOMPLETE analysis")


def test_module_that_stops_parsing_keeps_its_base_model(tmp_path: Path) -> None:
    """A head file that does not parse cannot prove its endpoints gone or their threats
    fixed: the diff keeps the file's base model and says so."""
    doc = run_diff(catalogue.APP_MODULE_BROKEN.build(tmp_path)).doc
    assert doc["resolved"] == [] and doc["introduced"] == []
    assert "removed" not in changes(doc).values()
    assert "kept-base-model" in {n["code"] for n in notifications_for(doc, "shop/app.py")}


# -- command-line usage ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("argv", "phrase"),
    [
        pytest.param(["diff"], "--base", id="missing-base"),
        pytest.param(["diff", "--base", "main", "--format", "pdf"], "invalid choice", id="format"),
        pytest.param(
            ["diff", "--base", "main", "--fail-on", "severe"], "invalid choice", id="fail"
        ),
        pytest.param(
            ["diff", "--base", "main", "--max-file-bytes", "0"], "--max-file-bytes", id="bytes"
        ),
        pytest.param(
            ["diff", "--base", "main", "--max-file-bytes", "lots"], "invalid int", id="bytes-text"
        ),
    ],
)
def test_bad_option_exits_2_with_one_line(
    tmp_path: Path, feedback_pr: BuiltRepo, argv: list[str], phrase: str
) -> None:
    output = tmp_path / "out.json"
    run = run_cli([*argv, str(feedback_pr.path), "-o", str(output)], output)
    assert run.exit_code == EXIT_USAGE
    _assert_usage_error(run.stderr, phrase)
    assert run.stdout == "" and not output.exists()


def test_usage_error_from_the_installed_command_has_no_traceback(feedback_pr: BuiltRepo) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "threatdelta", "diff", "--base", "nope", str(feedback_pr.path)],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == EXIT_USAGE
    _assert_usage_error(done.stderr, "unknown ref 'nope'")
    assert done.stdout == ""


# -- budgets --------------------------------------------------------------------------------

ROUTE_MODULE = """\
from flask import Blueprint, jsonify, request

bp = Blueprint("{name}", __name__)


@bp.post("/{name}")
def create_{name}():
    return jsonify(request.get_json()), 201
"""


def test_change_beyond_the_file_budget_is_incomplete_and_lists_what_was_skipped(
    tmp_path: Path,
) -> None:
    modules = {
        f"shop/forms/form{n:02d}.py": ROUTE_MODULE.format(name=f"form{n:02d}") for n in range(12)
    }
    repo = build_pull_request(tmp_path, flask_shop.FILES, PullRequest(write=modules))
    report = diff(repo.path, "main", use_cache=False, diff_limits=DiffLimits(max_files=5))
    assert report.complete is False
    [budget] = [n for n in report.notifications if n.code == "diff-file-budget"]
    assert "7 file(s) were not analysed" in budget.message
    listed = {f.path: f for f in report.changed_files}
    assert set(listed) == set(modules)  # analysed and skipped are both listed
    skipped = [f for f in listed.values() if not f.analysed]
    assert len(skipped) == 7 and all(f.note for f in skipped)
    assert verdict(report).startswith("threatdelta: INCOMPLETE analysis")


def test_diff_of_ten_thousand_files_reaches_the_default_budget_and_says_so(
    tmp_path: Path,
) -> None:
    repo = build_pull_request(tmp_path, flask_shop.FILES, PullRequest())
    pages = {f"docs/pages/page{n:05d}.md": b"# page\n" for n in range(10_050)}
    repo.builder.commit_files_directly(pages, "import the wiki")
    run = run_diff(repo)
    assert run.exit_code == EXIT_OK, run.stderr
    doc = run.doc
    assert doc["complete"] is False
    assert "diff-file-budget" in {n["code"] for n in doc["notifications"]}
    assert doc["verdict"].startswith("threatdelta: INCOMPLETE analysis")
    assert len(doc["changed_files"]) == 10_050
    assert changed_file(doc, "docs/pages/page10049.md")["analysed"] is False


def test_read_budget_hit_makes_the_diff_incomplete_and_says_so(feedback_pr: BuiltRepo) -> None:
    report = diff(feedback_pr.path, "main", use_cache=False, limits=ReadLimits(max_files=3))
    assert report.complete is False
    [budget] = [n for n in report.notifications if n.code == "budget-exhausted"]
    assert "not analysed" in budget.message
    assert verdict(report).startswith("threatdelta: INCOMPLETE analysis")
