"""Pull requests, their files, reviews and review comments."""

from __future__ import annotations

from typing import Any

from .diff_lines import right_side_lines
from .http_types import Context, Request, Response, not_found, public, unprocessable
from .store import BOT_LOGIN, Pull

PULL = r"/repos/[^/]+/[^/]+/pulls/(?P<n>\d+)"
REPO = r"/repos/[^/]+/[^/]+"


def get_pull(ctx: Context, req: Request) -> Response:
    pull = ctx.store.pulls.get(req.int_param("n"))
    if pull is None:
        return not_found()
    pull.reads += 1
    return Response(body=ctx.store.pull_json(pull))


def list_files(ctx: Context, req: Request) -> Response:
    pull = ctx.store.pulls.get(req.int_param("n"))
    if pull is None:
        return not_found()
    return Response(body=list(pull.files), paginate=True)


def _reviews_of(ctx: Context, number: int) -> list[dict[str, Any]]:
    return [r for r in ctx.store.reviews if r["_pull"] == number]


def list_reviews(ctx: Context, req: Request) -> Response:
    # Pending reviews are visible to their author only: the token is the bot's.
    reviews = [
        public(r)
        for r in _reviews_of(ctx, req.int_param("n"))
        if r["state"] != "PENDING" or (r["user"] or {}).get("login") == BOT_LOGIN
    ]
    return Response(body=reviews, paginate=True)


def _find_review(ctx: Context, req: Request) -> dict[str, Any] | None:
    rid = req.int_param("id")
    return next((r for r in _reviews_of(ctx, req.int_param("n")) if r["id"] == rid), None)


def get_review(ctx: Context, req: Request) -> Response:
    review = _find_review(ctx, req)
    return not_found() if review is None else Response(body=public(review))


def delete_review(ctx: Context, req: Request) -> Response:
    review = _find_review(ctx, req)
    if review is None:
        return not_found()
    if review["state"] != "PENDING":
        return unprocessable("Can not delete a non pending pull request review")
    ctx.store.reviews.remove(review)
    rid = review["id"]
    ctx.store.review_comments[:] = [
        c for c in ctx.store.review_comments if c["pull_request_review_id"] != rid
    ]
    return Response(body=public(review))


def submit_review(ctx: Context, req: Request) -> Response:
    review = _find_review(ctx, req)
    if review is None:
        return not_found()
    if review["state"] != "PENDING":
        return unprocessable("Can not submit a non pending pull request review")
    review["state"] = _state_of(req.json.get("event"))
    if req.json.get("body"):
        review["body"] = req.json["body"]
    return Response(body=public(review))


def _state_of(event: str | None) -> str:
    return {
        None: "PENDING",
        "COMMENT": "COMMENTED",
        "APPROVE": "APPROVED",
        "REQUEST_CHANGES": "CHANGES_REQUESTED",
    }.get(event, "INVALID")


def comment_error(
    ctx: Context, pull: Pull, comment: dict[str, Any], *, via_graphql: bool = False
) -> str | None:
    files = {f["filename"]: f for f in pull.files}
    path, line, start = comment.get("path"), comment.get("line"), comment.get("start_line")
    if ctx.faults.rejects(comment):
        return "Pull request review thread line must be part of the diff"
    if path not in files:
        return "Path could not be resolved"
    if comment.get("subject_type") == "file":
        return None if via_graphql else "subject_type is not a permitted key"
    if not isinstance(line, int):
        return "Pull request review thread line must be set"
    if comment.get("side", "RIGHT") != "RIGHT":
        return None
    if start is not None and start >= line:
        return "Pull request review thread start line must precede the end line"
    patch = files[path].get("patch")
    allowed = right_side_lines(patch) if patch else frozenset()
    wanted = range(start if start is not None else line, line + 1)
    if any(n not in allowed for n in wanted):
        return "Pull request review thread line must be part of the diff"
    return None


def create_review(ctx: Context, req: Request) -> Response:
    number = req.int_param("n")
    pull = ctx.store.pulls.get(number)
    if pull is None:
        return not_found()
    body = req.json or {}
    state = _state_of(body.get("event"))
    if state == "INVALID":
        return unprocessable("Invalid event")
    if any(
        r["state"] == "PENDING" and (r["user"] or {}).get("login") == BOT_LOGIN
        for r in _reviews_of(ctx, number)
    ):
        return unprocessable("User can only have one pending review per pull request")
    comments = body.get("comments") or []
    errors = [e for c in comments if (e := comment_error(ctx, pull, c))]
    if errors:
        return unprocessable(*errors)
    commit_id = body.get("commit_id") or ctx.store.head_sha(pull)
    review = ctx.store.review(number, body=body.get("body", ""), state=state, commit_id=commit_id)
    for comment in comments:
        ctx.store.review_comment(number, review["id"], comment, commit_id=commit_id)
    return Response(body=public(review))


def list_review_comments(ctx: Context, req: Request) -> Response:
    number = req.int_param("n")
    pending = {r["id"] for r in ctx.store.reviews if r["state"] == "PENDING"}
    comments = [
        public(c)
        for c in ctx.store.review_comments
        if c["_pull"] == number and c["pull_request_review_id"] not in pending
    ]
    return Response(body=comments, paginate=True)


def list_comments_of_review(ctx: Context, req: Request) -> Response:
    rid = req.int_param("id")
    comments = [public(c) for c in ctx.store.review_comments if c["pull_request_review_id"] == rid]
    return Response(body=comments, paginate=True)


def _find_review_comment(ctx: Context, req: Request) -> dict[str, Any] | None:
    cid = req.int_param("id")
    return next((c for c in ctx.store.review_comments if c["id"] == cid), None)


def get_review_comment(ctx: Context, req: Request) -> Response:
    comment = _find_review_comment(ctx, req)
    return not_found() if comment is None else Response(body=public(comment))


def edit_review_comment(ctx: Context, req: Request) -> Response:
    comment = _find_review_comment(ctx, req)
    if comment is None:
        return not_found()
    if "body" not in (req.json or {}):
        return unprocessable("body is missing")
    comment["body"] = req.json["body"]
    return Response(body=public(comment))


ROUTES = (
    ("GET", PULL, get_pull),
    ("GET", PULL + "/files", list_files),
    ("GET", PULL + "/reviews", list_reviews),
    ("POST", PULL + "/reviews", create_review),
    ("GET", PULL + r"/reviews/(?P<id>\d+)", get_review),
    ("DELETE", PULL + r"/reviews/(?P<id>\d+)", delete_review),
    ("POST", PULL + r"/reviews/(?P<id>\d+)/events", submit_review),
    ("GET", PULL + r"/reviews/(?P<id>\d+)/comments", list_comments_of_review),
    ("GET", PULL + "/comments", list_review_comments),
    ("GET", REPO + r"/pulls/comments/(?P<id>\d+)", get_review_comment),
    ("PATCH", REPO + r"/pulls/comments/(?P<id>\d+)", edit_review_comment),
)
