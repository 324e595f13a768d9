"""The HTTP side: a threaded server on 127.0.0.1 that routes, records, paginates with `Link`
headers, sends rate-limit headers on every answer and plays injected faults."""

from __future__ import annotations

import json
import re
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, urlencode, urlsplit

from . import (
    routes_checks,
    routes_contents,
    routes_graphql,
    routes_issue_comments,
    routes_pulls,
    routes_repo,
)
from .http_types import Context, Request, Response, not_found

Handler = Callable[[Context, Request], Response]
ROUTES: tuple[tuple[str, str, Handler], ...] = (
    routes_pulls.ROUTES
    + routes_repo.ROUTES
    + routes_checks.ROUTES
    + routes_graphql.ROUTES
    + routes_contents.ROUTES
    + routes_issue_comments.ROUTES
)
WRITES = frozenset({"POST", "PATCH", "PUT", "DELETE"})


@dataclass(frozen=True)
class RecordedRequest:
    method: str
    path: str  # without the API prefix and the query
    query: dict[str, list[str]]
    headers: dict[str, str]
    json: Any
    status: int


@dataclass
class Traffic:
    """Requests received, and how many writes were ever in flight at once."""

    requests: list[RecordedRequest] = field(default_factory=list)
    in_flight_writes: int = 0
    max_in_flight_writes: int = 0
    remaining: int = 5000
    write_delay: float = 0.0  # seconds each write takes, to expose concurrent writers
    lock: threading.Lock = field(default_factory=threading.Lock)


def route(method: str, path: str) -> tuple[Handler, dict[str, str]] | None:
    for route_method, pattern, handler in ROUTES:
        if route_method != method:
            continue
        match = re.fullmatch(pattern, path)
        if match:
            return handler, match.groupdict()
    return None


def _page(req: Request, answer: Response, base: str) -> Response:
    items = answer.body[answer.list_key] if answer.list_key else answer.body
    per_page = min(int(req.query.get("per_page", ["30"])[0]), 100)
    page = max(int(req.query.get("page", ["1"])[0]), 1)
    last = max((len(items) + per_page - 1) // per_page, 1)
    chunk = items[(page - 1) * per_page : page * per_page]
    body = {**answer.body, answer.list_key: chunk} if answer.list_key else chunk

    def link(n: int, rel: str) -> str:
        query = {k: v[0] for k, v in req.query.items()}
        query.update(page=str(n), per_page=str(per_page))
        return f'<{base}{req.path}?{urlencode(query)}>; rel="{rel}"'

    rels = []
    if page < last:
        rels += [link(page + 1, "next"), link(last, "last")]
    if page > 1:
        rels += [link(1, "first"), link(page - 1, "prev")]
    headers = {**answer.headers, **({"Link": ", ".join(rels)} if rels else {})}
    return Response(answer.status, body, headers)


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    disable_nagle_algorithm = True
    server: FakeHTTPServer

    def log_message(self, format: str, *args: Any) -> None:
        return None

    def _serve(self) -> None:
        srv = self.server
        length = int(self.headers.get("Content-Length") or 0)
        raw = self.rfile.read(length) if length else b""
        url = urlsplit(self.path)
        path = url.path.removeprefix(srv.prefix) or "/"
        if url.path == srv.graphql_path:
            path = "/graphql"
        try:
            body = json.loads(raw) if raw else None
        except ValueError:
            body = None
        req = Request(self.command, path, parse_qs(url.query), dict(self.headers.items()), body)
        is_write = req.method in WRITES
        if is_write:
            with srv.traffic.lock:
                srv.traffic.in_flight_writes += 1
                srv.traffic.max_in_flight_writes = max(
                    srv.traffic.max_in_flight_writes, srv.traffic.in_flight_writes
                )
            time.sleep(srv.traffic.write_delay)
        try:
            answer = self._answer(req)
        finally:
            if is_write:
                with srv.traffic.lock:
                    srv.traffic.in_flight_writes -= 1
        self._send(req, answer)

    def _answer(self, req: Request) -> Response:
        srv = self.server
        with srv.ctx.store.lock:
            fault = srv.ctx.faults.take(req.method, req.path)
            if fault is not None:
                return Response(fault.status, fault.body, dict(fault.headers))
            repo = re.match(r"/repos/([^/]+)/([^/]+)", req.path)
            if repo and f"{repo[1]}/{repo[2]}" != srv.ctx.store.full_name:
                return not_found()
            found = route(req.method, req.path)
            if found is None:
                return not_found()
            handler, params = found
            req.params = params
            answer = handler(srv.ctx, req)
            if answer.paginate and answer.status < 300:
                answer = _page(req, answer, f"http://{self.headers.get('Host')}{srv.prefix}")
            return answer

    def _send(self, req: Request, answer: Response) -> None:
        traffic = self.server.traffic
        with traffic.lock:
            traffic.remaining = max(traffic.remaining - 1, 0)
            remaining = traffic.remaining
            traffic.requests.append(
                RecordedRequest(
                    req.method, req.path, req.query, req.headers, req.json, answer.status
                )
            )
        payload = b"" if answer.body is None else json.dumps(answer.body).encode()
        self.send_response(answer.status)
        headers = {
            "Content-Type": "application/json; charset=utf-8",
            "X-RateLimit-Limit": "5000",
            "X-RateLimit-Remaining": str(remaining),
            "X-RateLimit-Reset": str(int(time.time()) + 3600),
            "X-RateLimit-Used": str(5000 - remaining),
            "X-RateLimit-Resource": "core",
            "X-GitHub-Media-Type": "github.v3; format=json",
            "X-GitHub-Request-Id": f"FAKE:{len(traffic.requests)}",
        }
        headers.update(answer.headers)
        for name, value in headers.items():
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(payload)))
        self.end_headers()
        self.wfile.write(payload)

    do_GET = do_POST = do_PATCH = do_PUT = do_DELETE = _serve


class FakeHTTPServer(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self, ctx: Context, prefix: str) -> None:
        super().__init__(("127.0.0.1", 0), _Handler)
        self.ctx = ctx
        self.prefix = prefix
        self.graphql_path = prefix.rstrip("/").removesuffix("/v3") + "/graphql"
        self.traffic = Traffic()
