"""What a route handler receives and returns."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from .faults import FaultBook, error_body
from .store import Store


@dataclass
class Request:
    method: str
    path: str  # without the API prefix and the query
    query: dict[str, list[str]]
    headers: dict[str, str]
    json: Any
    params: dict[str, str] = field(default_factory=dict)  # named groups of the route

    def int_param(self, name: str) -> int:
        return int(self.params[name])


@dataclass
class Response:
    status: int = 200
    body: Any = None
    headers: dict[str, str] = field(default_factory=dict)
    paginate: bool = False  # body is a list to serve page by page
    list_key: str | None = None  # paginate body[list_key] inside an object


@dataclass
class Context:
    store: Store
    faults: FaultBook


def not_found() -> Response:
    return Response(404, error_body("Not Found", 404))


def unprocessable(*errors: str) -> Response:
    body = error_body("Unprocessable Entity", 422)
    body["errors"] = list(errors)
    return Response(422, body)


def public(obj: dict[str, Any]) -> dict[str, Any]:
    """The object without the store's private bookkeeping keys."""
    return {k: v for k, v in obj.items() if not k.startswith("_")}
