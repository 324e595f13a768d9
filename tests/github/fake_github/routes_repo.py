"""The repository, commits, issue comments and the token's user."""

from __future__ import annotations

from typing import Any

from .faults import READ_ONLY_MESSAGE, error_body
from .http_types import Context, Request, Response, not_found, public, unprocessable

REPO = r"/repos/[^/]+/[^/]+"


def get_repo(ctx: Context, req: Request) -> Response:
    return Response(body=ctx.store.repo_json())


def get_commit(ctx: Context, req: Request) -> Response:
    sha = req.params["sha"]
    return Response(
        body={
            "sha": sha,
            "node_id": f"C_{sha}",
            "url": f"{ctx.store.repo_url}/commits/{sha}",
            "html_url": f"{ctx.store.html}/commit/{sha}",
            "commit": {"message": "change", "tree": {"sha": sha}},
            "parents": [],
            "files": [],
        }
    )


def get_issue(ctx: Context, req: Request) -> Response:
    pull = ctx.store.pulls.get(req.int_param("n"))
    if pull is None:
        return not_found()
    data = ctx.store.pull_json(pull)
    return Response(
        body={
            "id": 9000 + pull.number,
            "node_id": f"I_{pull.number}",
            "number": pull.number,
            "state": "open",
            "title": data["title"],
            "user": data["user"],
            "url": data["issue_url"],
            "html_url": data["html_url"],
            "comments_url": data["comments_url"],
            "pull_request": {"url": data["url"], "html_url": data["html_url"]},
        }
    )


def list_issue_comments(ctx: Context, req: Request) -> Response:
    number = req.int_param("n")
    comments = [public(c) for c in ctx.store.issue_comments if c["_issue"] == number]
    return Response(body=comments, paginate=True)


def create_issue_comment(ctx: Context, req: Request) -> Response:
    number = req.int_param("n")
    if number not in ctx.store.pulls:
        return not_found()
    body = (req.json or {}).get("body")
    if not isinstance(body, str) or not body:
        return unprocessable("body is missing")
    if len(body) > 65_536:
        return unprocessable("Body is too long (maximum is 65536 characters)")
    return Response(201, public(ctx.store.issue_comment(number, body)))


def _find_issue_comment(ctx: Context, req: Request) -> dict[str, Any] | None:
    cid = req.int_param("id")
    return next((c for c in ctx.store.issue_comments if c["id"] == cid), None)


def get_issue_comment(ctx: Context, req: Request) -> Response:
    comment = _find_issue_comment(ctx, req)
    return not_found() if comment is None else Response(body=public(comment))


def edit_issue_comment(ctx: Context, req: Request) -> Response:
    comment = _find_issue_comment(ctx, req)
    if comment is None:
        return not_found()
    body = (req.json or {}).get("body")
    if not isinstance(body, str) or not body:
        return unprocessable("body is missing")
    if len(body) > 65_536:
        return unprocessable("Body is too long (maximum is 65536 characters)")
    comment["body"] = body
    return Response(body=public(comment))


def delete_issue_comment(ctx: Context, req: Request) -> Response:
    comment = _find_issue_comment(ctx, req)
    if comment is None:
        return not_found()
    ctx.store.issue_comments.remove(comment)
    return Response(204)


def get_user(ctx: Context, req: Request) -> Response:
    # What GET /user answers to a workflow's GITHUB_TOKEN.
    return Response(403, error_body(READ_ONLY_MESSAGE, 403))


def rate_limit(ctx: Context, req: Request) -> Response:
    core = {"limit": 5000, "remaining": 4999, "reset": 1_900_000_000, "used": 1}
    return Response(body={"resources": {"core": core}, "rate": core})


ROUTES = (
    ("GET", REPO, get_repo),
    ("GET", REPO + r"/commits/(?P<sha>[0-9a-zA-Z]+)", get_commit),
    ("GET", REPO + r"/issues/(?P<n>\d+)", get_issue),
    ("GET", REPO + r"/issues/(?P<n>\d+)/comments", list_issue_comments),
    ("POST", REPO + r"/issues/(?P<n>\d+)/comments", create_issue_comment),
    ("GET", REPO + r"/issues/comments/(?P<id>\d+)", get_issue_comment),
    ("PATCH", REPO + r"/issues/comments/(?P<id>\d+)", edit_issue_comment),
    ("DELETE", REPO + r"/issues/comments/(?P<id>\d+)", delete_issue_comment),
    ("GET", "/user", get_user),
    ("GET", "/rate_limit", rate_limit),
)
