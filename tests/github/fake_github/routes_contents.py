"""The repository contents API: read a file on a branch, create or update it with a commit.

Wire format of `GET /repos/{owner}/{repo}/contents/{path}?ref=` (a file: base64 `content`
wrapped every 60 characters, the git blob `sha`) and `PUT` of the same path (`message`,
base64 `content`, `sha` of the blob being replaced, `branch`): 201 when the file is created,
200 when it is updated, both answering `{"content": ..., "commit": ...}`. GitHub's refusals:
409 when `sha` is not the file's current blob, 422 when an existing file is updated without a
`sha` or the body is malformed, 404 for an unknown file, and 403 when the token may not write
(`Store.refuse_contents_writes`). A commit on a pull request's head branch moves its head.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
from typing import Any
from urllib.parse import unquote

from . import git_contents
from .faults import READ_ONLY_MESSAGE, error_body
from .http_types import Context, Request, Response, not_found, unprocessable
from .store import BOT, now

REPO = r"/repos/[^/]+/[^/]+"


def blob_sha(text: str) -> str:
    data = text.encode("utf-8")
    return hashlib.sha1(b"blob %d\0" % len(data) + data).hexdigest()


def _wrapped_base64(text: str) -> str:
    encoded = base64.b64encode(text.encode("utf-8")).decode("ascii")
    return "".join(encoded[i : i + 60] + "\n" for i in range(0, len(encoded), 60))


def _file_json(ctx: Context, path: str, text: str, branch: str) -> dict[str, Any]:
    sha = blob_sha(text)
    url = f"{ctx.store.repo_url}/contents/{path}?ref={branch}"
    html = f"{ctx.store.html}/blob/{branch}/{path}"
    return {
        "type": "file",
        "encoding": "base64",
        "size": len(text.encode("utf-8")),
        "name": path.rsplit("/", 1)[-1],
        "path": path,
        "content": _wrapped_base64(text),
        "sha": sha,
        "url": url,
        "git_url": f"{ctx.store.repo_url}/git/blobs/{sha}",
        "html_url": html,
        "download_url": f"https://raw.example/{ctx.store.full_name}/{branch}/{path}",
        "_links": {"self": url, "git": f"{ctx.store.repo_url}/git/blobs/{sha}", "html": html},
    }


def _branch(ctx: Context, value: Any) -> str:
    return value if isinstance(value, str) and value else ctx.store.default_branch


def _read(ctx: Context, branch: str, path: str) -> str | None:
    if ctx.store.git_dir:
        return git_contents.read(ctx.store.git_dir, branch, path)
    return ctx.store.files.get(branch, {}).get(path)


def _commit(ctx: Context, branch: str, path: str, text: str, message: str) -> tuple[str, str]:
    """(new commit sha, parent sha)."""
    if ctx.store.git_dir:
        return git_contents.commit(ctx.store.git_dir, branch, path, text, message)
    ctx.store.files.setdefault(branch, {})[path] = text
    seed = f"{branch}:{path}:{len(ctx.store.file_commits)}:{text}"
    return hashlib.sha1(seed.encode()).hexdigest(), ""


def get_contents(ctx: Context, req: Request) -> Response:
    branch = _branch(ctx, (req.query.get("ref") or [""])[0])
    path = unquote(req.params["path"])
    text = _read(ctx, branch, path)
    if text is None:
        return not_found()
    return Response(body=_file_json(ctx, path, text, branch))


def _decoded(body: dict[str, Any]) -> str | None:
    content = body.get("content")
    if not isinstance(content, str):
        return None
    try:
        return base64.b64decode(content, validate=True).decode("utf-8")
    except (binascii.Error, UnicodeDecodeError):
        return None


def _refusal(ctx: Context, body: dict[str, Any], current: str | None, path: str) -> Response | None:
    if ctx.store.refuse_contents_writes:
        return Response(403, error_body(READ_ONLY_MESSAGE, 403))
    if not isinstance(body.get("message"), str) or not body["message"]:
        return unprocessable('"message" wasn\'t supplied.')
    if _decoded(body) is None:
        return unprocessable("content is not valid Base64")
    sha = body.get("sha")
    if current is not None and not sha:
        return Response(422, error_body('Invalid request.\n\n"sha" wasn\'t supplied.', 422))
    if sha and (current is None or sha != blob_sha(current)):
        return Response(409, error_body(f"{path} does not match {sha}", 409))
    return None


def _commit_json(ctx: Context, sha: str, message: str, parent: str) -> dict[str, Any]:
    person = {"name": "github-actions[bot]", "email": "41898282+github-actions[bot]@users.noreply"}
    return {
        "sha": sha,
        "node_id": f"C_{sha}",
        "url": f"{ctx.store.repo_url}/git/commits/{sha}",
        "html_url": f"{ctx.store.html}/commit/{sha}",
        "author": {**person, "date": now()},
        "committer": {**person, "date": now()},
        "message": message,
        "tree": {"url": f"{ctx.store.repo_url}/git/trees/{sha}", "sha": sha},
        "parents": [{"url": f"{ctx.store.repo_url}/git/commits/{parent}", "sha": parent}],
        "verification": {"verified": False, "reason": "unsigned", "signature": None},
    }


def _move_heads(ctx: Context, branch: str, sha: str) -> str:
    """Point the pull requests whose head is `branch` at `sha`; the previous head."""
    parent = ""
    for pull in ctx.store.pulls.values():
        if pull.head_ref == branch and not pull.head_repo:
            parent = parent or ctx.store.head_sha(pull)
            pull.head_sha, pull.moved_head = sha, None
    return parent or "0" * 40


def put_contents(ctx: Context, req: Request) -> Response:
    body = req.json if isinstance(req.json, dict) else {}
    branch, path = _branch(ctx, body.get("branch")), unquote(req.params["path"])
    current = _read(ctx, branch, path)
    refused = _refusal(ctx, body, current, path)
    if refused is not None:
        return refused
    text = _decoded(body) or ""
    sha, parent = _commit(ctx, branch, path, text, body["message"])
    moved_from = _move_heads(ctx, branch, sha)
    commit = _commit_json(ctx, sha, body["message"], parent or moved_from)
    ctx.store.file_commits.append(
        {**commit, "_branch": branch, "_path": path, "_text": text, "_by": BOT["login"]}
    )
    return Response(
        201 if current is None else 200,
        {"content": _file_json(ctx, path, text, branch), "commit": commit},
    )


ROUTES = (
    ("GET", REPO + r"/contents/(?P<path>.+)", get_contents),
    ("PUT", REPO + r"/contents/(?P<path>.+)", put_contents),
)
