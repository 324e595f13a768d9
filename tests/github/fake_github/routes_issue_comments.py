"""Reactions on issue comments, and issue comments written by people (with the
`author_association` GitHub computes for them).

`POST /repos/{owner}/{repo}/issues/comments/{id}/reactions` with `{"content": ...}` answers
201 with the new reaction, 200 with the existing one when the same user already reacted
with that content, 422 for a content GitHub does not know and 404 for an unknown comment.
"""

from __future__ import annotations

from typing import Any

from .http_types import Context, Request, Response, not_found, public, unprocessable
from .store import BOT_LOGIN, Json, Store, now, user

REPO = r"/repos/[^/]+/[^/]+"
REACTIONS = ("+1", "-1", "laugh", "confused", "heart", "hooray", "rocket", "eyes")


def human_comment(
    store: Store,
    number: int,
    body: str,
    *,
    login: str,
    association: str | None,
    user_type: str = "User",
) -> Json:
    """An issue comment by `login` (a `Bot` when `user_type` says so); `association` None
    leaves the field out of the payload, as a malformed or foreign event would."""
    comment = store.issue_comment(number, body, login)
    if comment["user"] is not None:
        comment["user"]["type"] = user_type
    if association is None:
        del comment["author_association"]
    else:
        comment["author_association"] = association
    return comment


def _comment(ctx: Context, req: Request) -> dict[str, Any] | None:
    cid = req.int_param("id")
    return next((c for c in ctx.store.issue_comments if c["id"] == cid), None)


def create_reaction(ctx: Context, req: Request) -> Response:
    comment = _comment(ctx, req)
    if comment is None:
        return not_found()
    content = (req.json or {}).get("content")
    if content not in REACTIONS:
        return unprocessable(f"content must be one of {', '.join(REACTIONS)}")
    reactions: list[Json] = comment.setdefault("_reactions", [])
    existing = next((r for r in reactions if r["content"] == content), None)
    if existing is not None:
        return Response(200, existing)
    rid = ctx.store.next_id()
    reaction = {
        "id": rid,
        "node_id": f"REA_{rid}",
        "user": user(BOT_LOGIN),
        "content": content,
        "created_at": now(),
    }
    reactions.append(reaction)
    return Response(201, reaction)


def list_reactions(ctx: Context, req: Request) -> Response:
    comment = _comment(ctx, req)
    if comment is None:
        return not_found()
    return Response(body=[public(r) for r in comment.get("_reactions", [])], paginate=True)


ROUTES = (
    ("POST", REPO + r"/issues/comments/(?P<id>\d+)/reactions", create_reaction),
    ("GET", REPO + r"/issues/comments/(?P<id>\d+)/reactions", list_reactions),
)
