"""`FakeGitHub`: what a test holds. Start it, point PyGithub's `base_url` at `.url`, arrange
state and faults, then assert on `.requests` and on the state the calls left behind."""

from __future__ import annotations

import threading
from typing import Any

from . import git_contents
from .faults import (
    READ_ONLY_MESSAGE,
    SECONDARY_MESSAGE,
    Fault,
    FaultBook,
    RejectedComment,
    error_body,
)
from .http_types import Context, public
from .routes_issue_comments import human_comment
from .server import FakeHTTPServer, RecordedRequest
from .store import BOT_LOGIN, Pull, Store

WRITE_METHODS = ("POST", "PATCH", "PUT", "DELETE")


class FakeGitHub:
    def __init__(
        self, *, prefix: str = "/api/v3", owner: str = "octo-org", name: str = "octo-repo"
    ) -> None:
        self.store = Store(owner=owner, name=name)
        self.faults = FaultBook()
        self._server = FakeHTTPServer(Context(self.store, self.faults), prefix)
        port = self._server.server_address[1]
        self.url = f"http://127.0.0.1:{port}{prefix}"
        self.store.api = self.url
        self._thread = threading.Thread(
            target=self._server.serve_forever, args=(0.05,), daemon=True
        )

    # lifecycle ---------------------------------------------------------------------------
    def start(self) -> FakeGitHub:
        self._thread.start()
        return self

    def stop(self) -> None:
        self._server.shutdown()
        self._server.server_close()
        self._thread.join(timeout=5)

    @property
    def repo(self) -> str:
        return self.store.full_name

    # recorded traffic --------------------------------------------------------------------
    @property
    def requests(self) -> list[RecordedRequest]:
        with self._server.traffic.lock:
            return list(self._server.traffic.requests)

    def requests_to(self, method: str, path_suffix: str = "") -> list[RecordedRequest]:
        return [r for r in self.requests if r.method == method and r.path.endswith(path_suffix)]

    @property
    def writes(self) -> list[RecordedRequest]:
        return [r for r in self.requests if r.method in WRITE_METHODS]

    @property
    def max_concurrent_writes(self) -> int:
        return self._server.traffic.max_in_flight_writes

    def slow_writes(self, seconds: float) -> None:
        self._server.traffic.write_delay = seconds

    # state -------------------------------------------------------------------------------
    def add_pull(
        self,
        number: int,
        *,
        head_sha: str = "a" * 40,
        base_sha: str = "b" * 40,
        files: list[dict[str, Any]] | None = None,
    ) -> None:
        """A pull request; each file is `{"filename": ..., "patch": ...}` plus any REST field."""
        with self.store.lock:
            self.store.pulls[number] = Pull(
                number, head_sha, base_sha, files=[_file(self.store, f) for f in files or []]
            )

    def set_head(self, number: int, sha: str) -> None:
        with self.store.lock:
            self.store.pulls[number].head_sha = sha

    def move_head_after_reads(self, number: int, new_sha: str, reads: int = 1) -> None:
        """After `reads` GETs of the pull request, its head is `new_sha` (a push mid-run)."""
        with self.store.lock:
            pull = self.store.pulls[number]
            pull.moved_head, pull.move_after_reads = new_sha, pull.reads + reads

    def add_issue_comment(
        self, number: int, body: str, *, login: str = BOT_LOGIN
    ) -> dict[str, Any]:
        with self.store.lock:
            return public(self.store.issue_comment(number, body, login))

    def add_review(
        self,
        number: int,
        *,
        body: str = "",
        state: str = "COMMENTED",
        login: str = BOT_LOGIN,
        comments: list[dict[str, Any]] | None = None,
        commit_id: str | None = None,
    ) -> dict[str, Any]:
        """A review already on the pull request (state PENDING for a leftover draft)."""
        with self.store.lock:
            sha = commit_id or self.store.pulls[number].head_sha
            review = self.store.review(number, body=body, state=state, commit_id=sha, login=login)
            for spec in comments or []:
                self.store.review_comment(number, review["id"], spec, commit_id=sha, login=login)
            return public(review)

    def add_command_comment(
        self,
        number: int,
        body: str,
        *,
        login: str = "maintainer",
        association: str | None = "MEMBER",
        user_type: str = "User",
    ) -> dict[str, Any]:
        """A comment written by a person (or a bot) with GitHub's `author_association`."""
        with self.store.lock:
            return public(
                human_comment(
                    self.store,
                    number,
                    body,
                    login=login,
                    association=association,
                    user_type=user_type,
                )
            )

    def reactions(self, comment_id: int) -> list[str]:
        """The contents of the reactions on issue comment `comment_id`, in order."""
        with self.store.lock:
            comment = next(c for c in self.store.issue_comments if c["id"] == comment_id)
            return [r["content"] for r in comment.get("_reactions", [])]

    def put_file(self, branch: str, path: str, text: str) -> None:
        """A file as it is on `branch` (no commit is recorded)."""
        with self.store.lock:
            self.store.files.setdefault(branch, {})[path] = text

    def file(self, branch: str, path: str) -> str | None:
        """The file as the contents API would serve it on `branch`."""
        with self.store.lock:
            if self.store.git_dir:
                return git_contents.read(self.store.git_dir, branch, path)
            return self.store.files.get(branch, {}).get(path)

    def file_commits(self) -> list[dict[str, Any]]:
        """The commits written through the contents API: `message`, `sha`, `branch`, `path`."""
        with self.store.lock:
            return [
                {**public(c), "branch": c["_branch"], "path": c["_path"]}
                for c in self.store.file_commits
            ]

    def serve_contents_from_git(self, git_dir: str) -> None:
        """Branch files are read from, and commits written to, this git repository."""
        with self.store.lock:
            self.store.git_dir = git_dir

    def refuse_contents_writes(self) -> None:
        """PUT .../contents answers 403 (a token without contents: write)."""
        with self.store.lock:
            self.store.refuse_contents_writes = True

    def set_fork(self, number: int, head_repo: str) -> None:
        """The pull request's head lives in the fork `head_repo` (owner/name)."""
        with self.store.lock:
            self.store.pulls[number].head_repo = head_repo

    def set_sarif_processing(self, *statuses: str) -> None:
        """The processing_status answered to successive polls (the last one repeats)."""
        with self.store.lock:
            self.store.sarif_statuses = list(statuses)

    def issue_comments(self, number: int) -> list[dict[str, Any]]:
        with self.store.lock:
            return [public(c) for c in self.store.issue_comments if c["_issue"] == number]

    def review_comments(self, number: int) -> list[dict[str, Any]]:
        """Every review comment, pending ones included, with `resolved` (its thread's state)."""
        with self.store.lock:
            return [
                {**public(c), "resolved": bool(c.get("_resolved"))}
                for c in self.store.review_comments
                if c["_pull"] == number
            ]

    def reviews(self, number: int) -> list[dict[str, Any]]:
        with self.store.lock:
            return [public(r) for r in self.store.reviews if r["_pull"] == number]

    def check_runs(self) -> list[dict[str, Any]]:
        with self.store.lock:
            return [
                {**public(r), "annotations": list(r["_annotations"])} for r in self.store.check_runs
            ]

    def statuses(self) -> list[dict[str, Any]]:
        with self.store.lock:
            return [{**public(s), "sha": s["_sha"]} for s in self.store.statuses]

    def sarif_uploads(self) -> list[dict[str, Any]]:
        """The JSON bodies POSTed to code-scanning/sarifs, in order."""
        with self.store.lock:
            return [dict(s["_body"]) for s in self.store.sarifs]

    # faults ------------------------------------------------------------------------------
    def fail(
        self,
        method: str,
        path: str,
        status: int,
        *,
        body: Any = None,
        headers: dict[str, str] | None = None,
        times: int | None = 1,
    ) -> Fault:
        """Answer `status` to the next `times` matching requests (`path`: a regex on the API
        path, e.g. r"/repos/[^/]+/[^/]+/check-runs"; `times=None`: always)."""
        fault = Fault(
            method,
            path,
            status,
            body if body is not None else error_body("Server Error", status),
            headers or {},
            times,
        )
        with self.store.lock:
            self.faults.faults.append(fault)
        return fault

    def server_errors(self, method: str, path: str, *, times: int = 1, status: int = 502) -> Fault:
        return self.fail(method, path, status, times=times)

    def secondary_rate_limit(
        self, method: str, path: str, *, retry_after: int | None = None, times: int = 1
    ) -> Fault:
        headers = {"X-RateLimit-Remaining": "4000"}
        if retry_after is not None:
            headers["Retry-After"] = str(retry_after)
        return self.fail(
            method, path, 403, body=error_body(SECONDARY_MESSAGE, 403), headers=headers, times=times
        )

    def read_only_token(self) -> Fault:
        """Every write answers 403 "Resource not accessible by integration" (a fork's token)."""
        fault = _WriteFault(
            "*", r"(?!/graphql$).*", 403, error_body(READ_ONLY_MESSAGE, 403), {}, None
        )
        with self.store.lock:
            self.faults.faults.append(fault)
            self.faults.read_only = True
        return fault

    def code_scanning_disabled(self, status: int = 404) -> Fault:
        message = (
            "Code scanning is not enabled for this repository. "
            "Please enable code scanning in the repository settings."
        )
        if status == 403:
            message = "Advanced Security must be enabled for this repository to use code scanning."
        return self.fail(
            "*",
            r"/repos/[^/]+/[^/]+/code-scanning/.*",
            status,
            body=error_body(message, status),
            times=None,
        )

    def reject_review_comment(self, path: str, line: int | None) -> None:
        """POST .../reviews answers 422 while it carries a comment on `path`/`line`."""
        with self.store.lock:
            self.faults.rejected_comments.append(RejectedComment(path, line))


class _WriteFault(Fault):
    def matches(self, method: str, path: str) -> bool:
        return method in WRITE_METHODS and super().matches(method, path)


def _file(store: Store, spec: dict[str, Any]) -> dict[str, Any]:
    name = spec["filename"]
    patch = spec.get("patch", "")
    additions = sum(1 for t in patch.splitlines() if t.startswith("+"))
    deletions = sum(1 for t in patch.splitlines() if t.startswith("-"))
    return {
        "sha": "c" * 40,
        "filename": name,
        "status": "modified",
        "additions": additions,
        "deletions": deletions,
        "changes": additions + deletions,
        "blob_url": f"{store.html}/blob/HEAD/{name}",
        "raw_url": f"{store.html}/raw/HEAD/{name}",
        "contents_url": f"{store.repo_url}/contents/{name}",
        **spec,
    }
