"""The fake server's state: repositories, pull requests and everything written to them, as
the JSON objects the REST API returns (field names from the REST docs)."""

from __future__ import annotations

import itertools
import threading
import zlib
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

BOT_LOGIN = "github-actions[bot]"
BOT: dict[str, Any] = {
    "login": "github-actions[bot]",
    "id": 41898282,
    "type": "Bot",
    "node_id": "MDM6Qm90NDE4OTgyODI=",
}
Json = dict[str, Any]


def now() -> str:
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def user(login: str) -> Json | None:
    """The REST user object; None (JSON null) for "", a deleted account."""
    if not login:
        return None
    if login == BOT_LOGIN:
        return dict(BOT)
    return {
        "login": login,
        "id": zlib.crc32(login.encode()) % 10_000_000,
        "type": "User",
        "node_id": f"U_{login}",
    }


@dataclass
class Pull:
    number: int
    head_sha: str
    base_sha: str
    head_ref: str = "feature"
    base_ref: str = "main"
    files: list[Json] = field(default_factory=list)
    moved_head: str | None = None  # the head after `move_after_reads` reads of the pull
    move_after_reads: int = 0
    reads: int = 0
    head_repo: str = ""  # owner/name of the head's repository when it is a fork ("" = this one)


@dataclass
class Store:
    """All state behind one lock; every handler runs inside `lock`."""

    api: str = ""  # absolute API root, e.g. http://127.0.0.1:1234/api/v3
    owner: str = "octo-org"
    name: str = "octo-repo"
    default_branch: str = "main"
    pulls: dict[int, Pull] = field(default_factory=dict)
    issue_comments: list[Json] = field(default_factory=list)  # with "_issue" = PR number
    review_comments: list[Json] = field(default_factory=list)
    reviews: list[Json] = field(default_factory=list)
    check_runs: list[Json] = field(default_factory=list)
    statuses: list[Json] = field(default_factory=list)
    sarifs: list[Json] = field(default_factory=list)
    sarif_statuses: list[str] = field(default_factory=lambda: ["complete"])
    files: dict[str, dict[str, str]] = field(default_factory=dict)  # branch -> path -> text
    file_commits: list[Json] = field(default_factory=list)  # contents-API commits, in order
    refuse_contents_writes: bool = False  # PUT .../contents answers 403
    git_dir: str = ""  # a git repository holding the branches' files (else `files`)
    lock: threading.RLock = field(default_factory=threading.RLock)
    ids: itertools.count[int] = field(default_factory=lambda: itertools.count(1001))

    @property
    def full_name(self) -> str:
        return f"{self.owner}/{self.name}"

    @property
    def repo_url(self) -> str:
        return f"{self.api}/repos/{self.full_name}"

    @property
    def html(self) -> str:
        return f"https://github.example/{self.full_name}"

    def next_id(self) -> int:
        return next(self.ids)

    def repo_json(self, full_name: str = "") -> Json:
        owner, _, name = (full_name or self.full_name).partition("/")
        return {
            "id": 1296269 if not full_name else zlib.crc32(full_name.encode()) % 10_000_000,
            "node_id": "R_1",
            "name": name,
            "full_name": f"{owner}/{name}",
            "owner": user(owner),
            "private": False,
            "html_url": self.html,
            "url": self.repo_url,
            "default_branch": self.default_branch,
            "permissions": {"admin": False, "push": True, "pull": True},
        }

    def head_sha(self, pull: Pull) -> str:
        if pull.moved_head and pull.reads > pull.move_after_reads:
            return pull.moved_head
        return pull.head_sha

    def pull_json(self, pull: Pull) -> Json:
        url = f"{self.repo_url}/pulls/{pull.number}"
        return {
            "id": 5000 + pull.number,
            "node_id": f"PR_{pull.number}",
            "number": pull.number,
            "state": "open",
            "draft": False,
            "title": f"Pull request {pull.number}",
            "user": user("octocat"),
            "url": url,
            "html_url": f"{self.html}/pull/{pull.number}",
            "issue_url": f"{self.repo_url}/issues/{pull.number}",
            "comments_url": f"{self.repo_url}/issues/{pull.number}/comments",
            "review_comments_url": f"{url}/comments",
            "head": {
                "sha": self.head_sha(pull),
                "ref": pull.head_ref,
                "label": f"{self.owner}:{pull.head_ref}",
                "repo": self.repo_json(pull.head_repo),
            },
            "base": {
                "sha": pull.base_sha,
                "ref": pull.base_ref,
                "label": f"{self.owner}:{pull.base_ref}",
                "repo": self.repo_json(),
            },
            "changed_files": len(pull.files),
        }

    def issue_comment(self, number: int, body: str, login: str = BOT_LOGIN) -> Json:
        cid = self.next_id()
        comment = {
            "id": cid,
            "node_id": f"IC_{cid}",
            "url": f"{self.repo_url}/issues/comments/{cid}",
            "html_url": f"{self.html}/pull/{number}#issuecomment-{cid}",
            "issue_url": f"{self.repo_url}/issues/{number}",
            "body": body,
            "user": user(login),
            "created_at": now(),
            "updated_at": now(),
            "author_association": "NONE",
            "_issue": number,
        }
        self.issue_comments.append(comment)
        return comment

    def review(
        self, number: int, *, body: str, state: str, commit_id: str, login: str = BOT_LOGIN
    ) -> Json:
        rid = self.next_id()
        review = {
            "id": rid,
            "node_id": f"PRR_{rid}",
            "user": user(login),
            "body": body,
            "state": state,
            "commit_id": commit_id,
            "html_url": f"{self.html}/pull/{number}#pullrequestreview-{rid}",
            "pull_request_url": f"{self.repo_url}/pulls/{number}",
            "author_association": "NONE",
            "_pull": number,
        }
        if state != "PENDING":
            review["submitted_at"] = now()
        self.reviews.append(review)
        return review

    def review_comment(
        self, number: int, review_id: int, spec: Json, *, commit_id: str, login: str = BOT_LOGIN
    ) -> Json:
        cid = self.next_id()
        comment = {
            "id": cid,
            "node_id": f"PRRC_{cid}",
            "url": f"{self.repo_url}/pulls/comments/{cid}",
            "html_url": f"{self.html}/pull/{number}#discussion_r{cid}",
            "pull_request_url": f"{self.repo_url}/pulls/{number}",
            "pull_request_review_id": review_id,
            "diff_hunk": "@@",
            "path": spec.get("path"),
            "position": None,
            "original_position": None,
            "commit_id": commit_id,
            "original_commit_id": commit_id,
            "user": user(login),
            "body": spec.get("body", ""),
            "created_at": now(),
            "updated_at": now(),
            "author_association": "NONE",
            "line": spec.get("line"),
            "original_line": spec.get("line"),
            "side": spec.get("side", "RIGHT") if spec.get("line") else None,
            "start_line": spec.get("start_line"),
            "original_start_line": spec.get("start_line"),
            "start_side": spec.get("start_side") if spec.get("start_line") else None,
            "subject_type": spec.get("subject_type", "line"),
            "in_reply_to_id": spec.get("in_reply_to"),
            "_pull": number,
        }
        self.review_comments.append(comment)
        return comment
