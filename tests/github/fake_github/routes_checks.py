"""Check runs, commit statuses and code-scanning SARIF uploads."""

from __future__ import annotations

from typing import Any

from .http_types import Context, Request, Response, not_found, public, unprocessable
from .store import BOT, now

REPO = r"/repos/[^/]+/[^/]+"
_APP = {"id": 15368, "slug": "github-actions", "name": "GitHub Actions", "owner": BOT}


def _check_run_json(ctx: Context, run_id: int, body: dict[str, Any]) -> dict[str, Any]:
    return {
        "id": run_id,
        "node_id": f"CR_{run_id}",
        "name": body.get("name"),
        "head_sha": body.get("head_sha"),
        "external_id": body.get("external_id", ""),
        "url": f"{ctx.store.repo_url}/check-runs/{run_id}",
        "html_url": f"{ctx.store.html}/runs/{run_id}",
        "details_url": body.get("details_url"),
        "status": body.get("status", "queued"),
        "conclusion": body.get("conclusion"),
        "started_at": body.get("started_at", now()),
        "completed_at": body.get("completed_at"),
        "output": {"title": None, "summary": None, "text": None, "annotations_count": 0},
        "app": _APP,
        "pull_requests": [],
        "_annotations": [],
    }


def _apply_output(run: dict[str, Any], body: dict[str, Any]) -> Response | None:
    output = body.get("output")
    if not output:
        return None
    annotations = output.get("annotations") or []
    if len(annotations) > 50:
        return unprocessable("Only 50 annotations are allowed per request")
    if len(output.get("summary") or "") > 65_535:
        return unprocessable("output.summary is too long (maximum is 65535 characters)")
    run["_annotations"].extend(annotations)
    run["output"] = {
        "title": output.get("title"),
        "summary": output.get("summary"),
        "text": output.get("text"),
        "annotations_count": len(run["_annotations"]),
    }
    return None


def _apply(run: dict[str, Any], body: dict[str, Any]) -> Response | None:
    for key in ("name", "status", "conclusion", "details_url", "external_id", "completed_at"):
        if key in body:
            run[key] = body[key]
    if body.get("conclusion") and "status" not in body:
        run["status"] = "completed"
    if run["status"] == "completed" and not run["completed_at"]:
        run["completed_at"] = now()
    return _apply_output(run, body)


def create_check_run(ctx: Context, req: Request) -> Response:
    body = req.json or {}
    if not body.get("name") or not body.get("head_sha"):
        return unprocessable("name and head_sha are required")
    run = _check_run_json(ctx, ctx.store.next_id(), body)
    error = _apply(run, body)
    if error is not None:
        return error
    ctx.store.check_runs.append(run)
    return Response(201, public(run))


def _find_run(ctx: Context, req: Request) -> dict[str, Any] | None:
    rid = req.int_param("id")
    return next((r for r in ctx.store.check_runs if r["id"] == rid), None)


def get_check_run(ctx: Context, req: Request) -> Response:
    run = _find_run(ctx, req)
    return not_found() if run is None else Response(body=public(run))


def update_check_run(ctx: Context, req: Request) -> Response:
    run = _find_run(ctx, req)
    if run is None:
        return not_found()
    error = _apply(run, req.json or {})
    return error if error is not None else Response(body=public(run))


def list_annotations(ctx: Context, req: Request) -> Response:
    run = _find_run(ctx, req)
    return not_found() if run is None else Response(body=list(run["_annotations"]), paginate=True)


def list_check_runs_for_ref(ctx: Context, req: Request) -> Response:
    runs = [public(r) for r in ctx.store.check_runs if r["head_sha"] == req.params["sha"]]
    return Response(
        body={"total_count": len(runs), "check_runs": runs}, paginate=True, list_key="check_runs"
    )


def create_status(ctx: Context, req: Request) -> Response:
    body = req.json or {}
    if body.get("state") not in ("error", "failure", "pending", "success"):
        return unprocessable("state is not included in the list")
    if len(body.get("description") or "") > 140:
        return unprocessable("description is too long (maximum is 140 characters)")
    sid = ctx.store.next_id()
    status = {
        "id": sid,
        "node_id": f"SC_{sid}",
        "url": f"{ctx.store.repo_url}/statuses/{req.params['sha']}",
        "state": body["state"],
        "description": body.get("description"),
        "target_url": body.get("target_url"),
        "context": body.get("context", "default"),
        "created_at": now(),
        "updated_at": now(),
        "creator": BOT,
        "_sha": req.params["sha"],
    }
    ctx.store.statuses.append(status)
    return Response(201, public(status))


def list_statuses(ctx: Context, req: Request) -> Response:
    statuses = [public(s) for s in reversed(ctx.store.statuses) if s["_sha"] == req.params["sha"]]
    return Response(body=statuses, paginate=True)


def upload_sarif(ctx: Context, req: Request) -> Response:
    body = req.json or {}
    missing = [k for k in ("commit_sha", "ref", "sarif") if not body.get(k)]
    if missing:
        return unprocessable(*(f"{k} is missing" for k in missing))
    sarif_id = f"47177e22-{ctx.store.next_id():04d}-11eb-9fd5-6bb1c6fdc2f0"
    ctx.store.sarifs.append({"id": sarif_id, "_body": body, "_polls": 0})
    url = f"{ctx.store.repo_url}/code-scanning/sarifs/{sarif_id}"
    return Response(202, {"id": sarif_id, "url": url})


def get_sarif(ctx: Context, req: Request) -> Response:
    upload = next((s for s in ctx.store.sarifs if s["id"] == req.params["id"]), None)
    if upload is None:
        return not_found()
    statuses = ctx.store.sarif_statuses
    status = statuses[min(upload["_polls"], len(statuses) - 1)]
    upload["_polls"] += 1
    answer: dict[str, Any] = {
        "processing_status": status,
        "analyses_url": f"{ctx.store.repo_url}/code-scanning/analyses?sarif_id={upload['id']}",
    }
    if status == "failed":
        answer["errors"] = ["invalid SARIF"]
    return Response(body=answer)


ROUTES = (
    ("POST", REPO + "/check-runs", create_check_run),
    ("GET", REPO + r"/check-runs/(?P<id>\d+)", get_check_run),
    ("PATCH", REPO + r"/check-runs/(?P<id>\d+)", update_check_run),
    ("GET", REPO + r"/check-runs/(?P<id>\d+)/annotations", list_annotations),
    ("GET", REPO + r"/commits/(?P<sha>[0-9a-zA-Z]+)/check-runs", list_check_runs_for_ref),
    ("POST", REPO + r"/statuses/(?P<sha>[0-9a-zA-Z]+)", create_status),
    ("GET", REPO + r"/commits/(?P<sha>[0-9a-zA-Z]+)/statuses", list_statuses),
    ("POST", REPO + "/code-scanning/sarifs", upload_sarif),
    ("GET", REPO + r"/code-scanning/sarifs/(?P<id>[0-9a-f-]+)", get_sarif),
)
