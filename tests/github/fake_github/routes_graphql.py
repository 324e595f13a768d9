"""The few GraphQL operations the publisher uses on review threads:
`addPullRequestReviewThread` (a file-level comment in a pending review),
`resolveReviewThread`, and a query of a pull request's `reviewThreads`. Answers follow
GraphQL over HTTP: status 200, errors in the body."""

from __future__ import annotations

import re
from typing import Any

from .faults import READ_ONLY_MESSAGE
from .http_types import Context, Request, Response
from .routes_pulls import comment_error
from .store import Json

_MUTATION = re.compile(r"\{\s*(\w+)\s*\(\s*input:")


def _errors(kind: str, message: str) -> Response:
    return Response(body={"data": None, "errors": [{"type": kind, "message": message}]})


def _data(name: str, value: Any) -> Response:
    return Response(body={"data": {name: value}})


def _thread(comment: Json) -> Json:
    return {
        "id": f"PRRT_{comment['id']}",
        "isResolved": bool(comment.get("_resolved")),
        "path": comment["path"],
        "subjectType": str(comment["subject_type"]).upper(),
        "comments": {"nodes": [{"databaseId": comment["id"], "body": comment["body"]}]},
    }


def _add_thread(ctx: Context, spec: Json) -> Response:
    review = next(
        (r for r in ctx.store.reviews if r["node_id"] == spec.get("pullRequestReviewId")), None
    )
    if review is None:
        return _errors("NOT_FOUND", "Could not resolve to a node with the global id")
    if review["state"] != "PENDING":
        return _errors("UNPROCESSABLE", "Review is not pending")
    pull = ctx.store.pulls[review["_pull"]]
    comment = {
        "path": spec.get("path"),
        "body": spec.get("body", ""),
        "line": spec.get("line"),
        "start_line": spec.get("startLine"),
        "side": spec.get("side", "RIGHT"),
        "subject_type": str(spec.get("subjectType", "LINE")).lower(),
    }
    error = comment_error(ctx, pull, comment, via_graphql=True)
    if error:
        return _errors("UNPROCESSABLE", error)
    stored = ctx.store.review_comment(
        pull.number, review["id"], comment, commit_id=review["commit_id"]
    )
    return _data("addPullRequestReviewThread", {"thread": _thread(stored)})


def _resolve(ctx: Context, spec: Json) -> Response:
    thread_id = str(spec.get("threadId", ""))
    comment = next((c for c in ctx.store.review_comments if f"PRRT_{c['id']}" == thread_id), None)
    if comment is None:
        return _errors("NOT_FOUND", "Could not resolve to a node with the global id")
    comment["_resolved"] = True
    return _data("resolveReviewThread", {"thread": _thread(comment)})


def _threads(ctx: Context, variables: Json) -> Response:
    number = int(variables.get("number", 0))
    first = min(int(variables.get("first", 100)), 100)
    after = int(variables.get("after") or 0)
    pending = {r["id"] for r in ctx.store.reviews if r["state"] == "PENDING"}
    comments = [
        c
        for c in ctx.store.review_comments
        if c["_pull"] == number and c["pull_request_review_id"] not in pending
    ]
    page = comments[after : after + first]
    info = {"hasNextPage": after + first < len(comments), "endCursor": str(after + len(page))}
    threads = {"nodes": [_thread(c) for c in page], "pageInfo": info}
    pull = {"pullRequest": {"reviewThreads": threads}}
    return Response(body={"data": {"repository": pull}})


def graphql(ctx: Context, req: Request) -> Response:
    body = req.json or {}
    query, variables = str(body.get("query", "")), body.get("variables") or {}
    if "reviewThreads" in query:
        return _threads(ctx, variables)
    match = _MUTATION.search(query)
    name = match.group(1) if match else ""
    if name and ctx.faults.read_only:
        return _errors("FORBIDDEN", READ_ONLY_MESSAGE)
    spec = variables.get("input") or {}
    if name == "addPullRequestReviewThread":
        return _add_thread(ctx, spec)
    if name == "resolveReviewThread":
        return _resolve(ctx, spec)
    return _errors("UNKNOWN", f"unsupported operation {name or query[:40]!r}")


ROUTES = (("POST", "/graphql", graphql),)
