"""A fake Anthropic Messages API: a threaded HTTP server on 127.0.0.1 that the real
`anthropic` SDK talks to through `base_url`.

It answers `POST /v1/messages` from a script (a queue of `Reply`, or a function of the
request), records every request (headers and JSON body), and fills in what the real API
adds to a message: `id`, `model` (echoed), `usage` (invented: characters / 4).
"""

from __future__ import annotations

import json
import threading
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import pytest

from .replies import Reply, error, no_issues


@dataclass(frozen=True)
class RecordedRequest:
    method: str
    path: str
    headers: dict[str, str]
    body: Any  # the parsed JSON body
    raw: str  # the body as sent

    @property
    def system_text(self) -> str:
        return "".join(block.get("text", "") for block in self.body.get("system", []))

    @property
    def user_text(self) -> str:
        content = self.body["messages"][0]["content"]
        if isinstance(content, str):
            return content
        return "".join(block.get("text", "") for block in content)


Responder = Callable[[RecordedRequest], Reply]


@dataclass
class _Script:
    queue: deque[Reply] = field(default_factory=deque)
    responder: Responder | None = None
    requests: list[RecordedRequest] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)
    counter: int = 0
    messages_sent: int = 0

    def next_reply(self, request: RecordedRequest) -> Reply:
        with self.lock:
            self.requests.append(request)
            self.counter += 1
            if self.queue:
                return self.queue.popleft()
        return self.responder(request) if self.responder else no_issues()


def _usage(request: RecordedRequest, reply: Reply, first_call: bool) -> dict[str, int]:
    system = len(request.system_text) // 4
    return {
        "input_tokens": len(request.user_text) // 4,
        "output_tokens": max(1, len(json.dumps(reply.body.get("content", []))) // 4),
        "cache_creation_input_tokens": system if first_call else 0,
        "cache_read_input_tokens": 0 if first_call else system,
    }


def _handler(script: _Script) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, format: str, *args: Any) -> None:  # quiet
            return

        def _send(self, status: int, body: Any, headers: dict[str, str]) -> None:
            data = json.dumps(body).encode()
            try:
                self.send_response(status)
                self.send_header("content-type", "application/json")
                self.send_header("content-length", str(len(data)))
                self.send_header("request-id", f"req_fake_{script.counter}")
                for name, value in headers.items():
                    self.send_header(name, value)
                self.end_headers()
                self.wfile.write(data)
            except (BrokenPipeError, ConnectionResetError):  # the client gave up (timeout)
                return

        def do_POST(self) -> None:
            raw = self.rfile.read(int(self.headers.get("content-length", "0"))).decode()
            request = RecordedRequest(
                method="POST",
                path=self.path,
                headers={k.lower(): v for k, v in self.headers.items()},
                body=json.loads(raw) if raw else None,
                raw=raw,
            )
            if self.path != "/v1/messages":
                self._send(404, error(404, "not found").body, {})
                return
            reply = script.next_reply(request)
            if reply.delay_s:
                time.sleep(reply.delay_s)
            if reply.status != 200:
                self._send(reply.status, reply.body, reply.headers)
                return
            with script.lock:
                script.messages_sent += 1
                first = script.messages_sent == 1
            body = {
                "id": f"msg_fake_{script.counter:04d}",
                "model": request.body.get("model"),
                **reply.body,
                "usage": _usage(request, reply, first_call=first),
            }
            self._send(200, body, reply.headers)

    return Handler


class FakeAnthropic:
    """The fake API; `url` is its base URL (give it to the SDK as `base_url`)."""

    def __init__(self) -> None:
        self._script = _Script()
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(self._script))
        self._server.daemon_threads = True
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)

    @property
    def url(self) -> str:
        host, port = self._server.server_address[:2]
        return f"http://{host!s}:{port}"

    @property
    def requests(self) -> list[RecordedRequest]:
        with self._script.lock:
            return list(self._script.requests)

    def script(self, replies: Iterable[Reply]) -> None:
        """Answer the next requests with `replies`, in order (then the responder)."""
        with self._script.lock:
            self._script.queue.extend(replies)

    def respond_with(self, responder: Responder) -> None:
        """Answer every request the queue does not cover with `responder(request)`."""
        self._script.responder = responder

    def start(self) -> None:
        self._thread.start()

    def stop(self) -> None:
        self._server.shutdown()
        self._server.server_close()


@contextmanager
def running() -> Iterator[FakeAnthropic]:
    fake = FakeAnthropic()
    fake.start()
    try:
        yield fake
    finally:
        fake.stop()


@pytest.fixture
def fake_anthropic() -> Iterator[FakeAnthropic]:
    """A running fake for one test (import this fixture into a test module)."""
    with running() as fake:
        yield fake
