"""The issue's "done when", end to end through `threatdelta ci` and the fake GitHub: a pull
request failing on three threats is taken to passing with one accepted, one false positive
and one fixed, using only PR comments and a code change; the decisions are in the
repository's register file afterwards."""

from __future__ import annotations

from pathlib import Path

import git
import pytest
from ci_env import PR_NUMBER
from ci_repo import PrRepository, pull_files
from command_story import (
    BRANCH,
    FIXED_EMAIL_CHANGE,
    ROUTES,
    build_story,
    run_comment,
    run_pull_request,
)
from fake_github import FakeGitHub

from threatdelta.pipeline import diff
from threatdelta.register.schema import TriageStatus
from threatdelta.register.store import REGISTER_PATH, parse_register

ACCEPT_REASON = (
    "Batch import is reachable only from the office VPN; <b>SEC-12</b> moves it behind SSO"
)
DISMISS_REASON = "Deletes are audited by the database trigger @octo-org/dba `audit_customers`"


@pytest.fixture(autouse=True)
def _no_system_git_config(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("GIT_CONFIG_NOSYSTEM", "1")


def _ids(pr: PrRepository) -> dict[str, str]:
    """Threat id by element, as the summary comment lists them for the reviewer."""
    report = diff(pr.path, pr.base_sha, pr.head_sha, fixes=False)
    return {t.element: t.id for t in report.introduced}


def _push_fix(pr: PrRepository, fake: FakeGitHub) -> PrRepository:
    """The author pulls the bot's commits, makes the e-mail change write an audit line and
    pushes: a new head (the pull_request synchronize event follows)."""
    repo = git.Repo(pr.path)
    repo.git.checkout("--quiet", BRANCH)  # the branch holds the bot's register commits
    routes = pr.path / ROUTES
    text = routes.read_text(encoding="utf-8")
    old = FIXED_EMAIL_CHANGE.replace(FIXED_EMAIL_CHANGE.splitlines(keepends=True)[-1], "")
    routes.write_text(text.replace(old, FIXED_EMAIL_CHANGE), encoding="utf-8")
    repo.git.commit("--quiet", "--no-verify", "-am", "Audit e-mail changes")
    head = repo.head.commit.hexsha
    repo.git.checkout("--quiet", "--detach", head)
    repo.close()
    fixed = pr.model_copy(update={"head_sha": head})
    fake.set_head(PR_NUMBER, head)
    with fake.store.lock:
        fake.store.pulls[PR_NUMBER].files = []
    fake.add_pull(PR_NUMBER, head_sha=head, base_sha=pr.base_sha, files=pull_files(fixed))
    with fake.store.lock:
        fake.store.pulls[PR_NUMBER].head_ref = BRANCH
    return fixed


def _checks_on(fake: FakeGitHub, sha: str) -> list[str]:
    return [c["conclusion"] for c in fake.check_runs() if c["head_sha"] == sha]


def test_a_failing_pull_request_passes_with_one_accepted_one_false_positive_and_one_fixed(
    tmp_path: Path, fake_github: FakeGitHub
) -> None:
    pr = build_story(tmp_path, fake_github)
    ids = _ids(pr)
    importer = ids["endpoint:POST /api/customers/import"]
    delete = ids["endpoint:DELETE /api/customers/{customer_id}"]
    assert len(ids) == 3

    code, _ = run_pull_request(tmp_path, pr, fake_github, "job-opened")
    assert code == 1
    assert _checks_on(fake_github, pr.head_sha) == ["failure"]

    accept = fake_github.add_command_comment(
        PR_NUMBER, f"/threatdelta accept {importer} {ACCEPT_REASON}", login="alice"
    )
    code, log = run_comment(tmp_path, pr, fake_github, accept)
    assert code == 0, log
    assert fake_github.reactions(accept["id"]) == ["eyes", "+1"]
    [first] = fake_github.file_commits()
    assert (
        first["branch"] == BRANCH and "alice" in first["message"] and importer in first["message"]
    )
    assert _checks_on(fake_github, first["sha"]) == ["failure"]  # two threats still open

    dismiss = fake_github.add_command_comment(
        PR_NUMBER,
        f"Checked with the DBA team.\n/threatdelta dismiss {delete} {DISMISS_REASON}",
        login="bob",
        association="COLLABORATOR",
    )
    code, log = run_comment(tmp_path, pr, fake_github, dismiss)
    assert code == 0, log
    assert fake_github.reactions(dismiss["id"]) == ["eyes", "+1"]
    second = fake_github.file_commits()[1]
    assert _checks_on(fake_github, second["sha"]) == ["failure"]  # the third is still open

    replies = [c["body"] for c in fake_github.issue_comments(PR_NUMBER) if "command" in c["body"]]
    assert any("alice accepted" in r and importer in r for r in replies)
    assert any("bob dismissed as a false positive" in r and delete in r for r in replies)
    assert all("@alice" not in r and "@bob" not in r and "<b>" not in r for r in replies)

    fixed = _push_fix(pr, fake_github)
    code, log = run_pull_request(tmp_path, fixed, fake_github, "job-fixed", action="synchronize")
    assert code == 0, log
    assert _checks_on(fake_github, fixed.head_sha) == ["success"]
    [summary] = [c["body"] for c in fake_github.issue_comments(PR_NUMBER) if "Gate:" in c["body"]]
    assert "**Gate: PASS**" in summary and "2 suppressed threats" in summary
    assert "dirty-work-tree" not in summary

    report = diff(fixed.path, fixed.base_sha, fixed.head_sha, fixes=False)
    statuses = {report.triage.status_of(t.id) for t in report.introduced}
    assert statuses == {TriageStatus.ACCEPTED, TriageStatus.FALSE_POSITIVE}
    assert len(report.introduced) == 2  # the e-mail change's threat is fixed

    text = git.Repo(pr.path).git.show(f"{BRANCH}:{REGISTER_PATH}")
    register, notes = parse_register(text, REGISTER_PATH)
    assert notes == ()
    by_target = {d.target: d for d in register.decisions}
    assert by_target[importer].status is TriageStatus.ACCEPTED
    assert by_target[importer].decided_by == "alice"
    assert by_target[importer].justification == ACCEPT_REASON
    assert by_target[delete].status is TriageStatus.FALSE_POSITIVE
    assert by_target[delete].decided_by == "bob"
    assert by_target[delete].element_fingerprint.startswith("sha256:")
