"""What the command tests share: a pull request whose head introduces exactly three threats
on three endpoints of the demo shop (one high, two low), the fake GitHub arranged for it
(the pull request, its files, its branch served from the test's git repository), the
issue_comment events the runner would hand us, and `threatdelta ci` run in-process."""

from __future__ import annotations

import io
import json
from pathlib import Path
from typing import Any

import git
import github
from ci_env import PR_NUMBER, REPOSITORY, actions_env, pull_request_event
from ci_repo import DEMO_PR, PrRepository, build_pr_repository, pull_files
from fake_github import FakeGitHub

from threatdelta.github.ci import run_ci
from threatdelta.github.client import make_github, transport_retry
from threatdelta.github.retry import RetryPolicy

BRANCH = "bulk-import"
ROUTES = "shop/routes/customers.py"
NO_WAIT = RetryPolicy(max_attempts=2, base_wait=0, max_wait=0, secondary_wait=0)
INPUTS = {"github-token": "ghs_test", "fail-on": "low", "sarif": "file"}
NEW_ROUTES = """

@customers_bp.route("/import", methods=["POST"])
@limiter.limit("5/minute")
def import_customers():
    rows = request.get_json(force=True)
    for row in rows:
        db.session.add(Customer(owner_id=row["owner_id"], name=row["name"], email=row["email"]))
    db.session.commit()
    logger.info("imported %s customers", len(rows))
    return jsonify({"imported": len(rows)}), 201


@customers_bp.route("/<int:customer_id>", methods=["DELETE"])
@login_required
def delete_customer(customer_id: int):
    customer = Customer.query.filter_by(id=customer_id, owner_id=current_user.id).first_or_404()
    db.session.delete(customer)
    db.session.commit()
    return "", 204


@customers_bp.route("/<int:customer_id>/email", methods=["PUT"])
@login_required
def change_email(customer_id: int):
    customer = Customer.query.filter_by(id=customer_id, owner_id=current_user.id).first_or_404()
    customer.email = request.get_json(force=True)["email"]
    db.session.commit()
    return jsonify(customer.to_dict())
"""
# the fix of the third threat: the e-mail change writes an audit line
FIXED_EMAIL_CHANGE = (
    '    customer.email = request.get_json(force=True)["email"]\n'
    "    db.session.commit()\n"
    '    logger.info("customer %s e-mail changed by %s", customer.id, current_user.id)\n'
)


def client(token: str, api_url: str) -> github.Github:
    """The action's own client without pacing or transport retries (tests never wait)."""
    return make_github(
        token,
        api_url,
        retry=transport_retry(total=0, backoff_factor=0),
        seconds_between_requests=0,
        seconds_between_writes=0,
    )


def build_story(
    where: Path, fake: FakeGitHub, extra_head_files: dict[str, str] | None = None
) -> PrRepository:
    """The pull request, checked out at its head commit (detached, as `actions/checkout`
    leaves `refs/pull/N/head`); its branch is the fake's "remote" branch."""
    base_routes = (DEMO_PR / "base" / ROUTES).read_text(encoding="utf-8")
    head_files = {ROUTES: base_routes + NEW_ROUTES, **(extra_head_files or {})}
    pr = build_pr_repository(where / "workspace", with_change=False, head_files=head_files)
    repo = git.Repo(pr.path)
    repo.git.checkout("--quiet", "--detach", pr.head_sha)
    repo.close()
    fake.add_pull(PR_NUMBER, head_sha=pr.head_sha, base_sha=pr.base_sha, files=pull_files(pr))
    with fake.store.lock:
        fake.store.pulls[PR_NUMBER].head_ref = BRANCH
    fake.serve_contents_from_git(str(pr.path))
    return pr


def comment_event(job: Path, comment: dict[str, Any], action: str = "created") -> Path:
    """The issue_comment payload GitHub sends for `comment` (as the fake stored it)."""
    repository = {"full_name": REPOSITORY, "name": "octo-repo", "default_branch": "main"}
    event = {
        "action": action,
        "issue": {
            "number": PR_NUMBER,
            "title": "Import customers in bulk",
            "pull_request": {"url": f"https://api.github.com/repos/{REPOSITORY}/pulls/7"},
        },
        "comment": comment,
        "repository": repository,
        "sender": comment["user"],
    }
    path = job / "event.json"
    path.write_text(json.dumps(event), encoding="utf-8")
    return path


def job_folder(tmp_path: Path, name: str) -> Path:
    folder = tmp_path / name
    folder.mkdir()
    return folder


def run_comment(
    tmp_path: Path, pr: PrRepository, fake: FakeGitHub, comment: dict[str, Any], **inputs: str
) -> tuple[int, str]:
    job = job_folder(tmp_path, f"job-{comment['id']}")
    env = actions_env(
        job,
        pr.path,
        comment_event(job, comment, inputs.pop("action", "created")),
        event_name="issue_comment",
        sha=pr.base_sha,
        api_url=fake.url,
        inputs={**INPUTS, **inputs},
    )
    env["GITHUB_REF"] = "refs/heads/main"
    log = io.StringIO()
    return run_ci(env, log, client=client, retry=NO_WAIT), log.getvalue()


def run_pull_request(
    tmp_path: Path, pr: PrRepository, fake: FakeGitHub, name: str, action: str = "opened"
) -> tuple[int, str]:
    job = job_folder(tmp_path, name)
    env = actions_env(
        job,
        pr.path,
        pull_request_event(job, pr, action=action),
        sha=pr.head_sha,
        api_url=fake.url,
        inputs=INPUTS,
    )
    log = io.StringIO()
    return run_ci(env, log, client=client, retry=NO_WAIT), log.getvalue()
