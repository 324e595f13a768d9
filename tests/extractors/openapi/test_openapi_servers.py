"""Plain HTTP from 3.x servers and 2.0 schemes."""

from __future__ import annotations

import pytest
from openapi_helpers import endpoint, extract

from threatdelta.model.base import Tri


def v3(root_servers: str, operation_servers: str = "", path_servers: str = "") -> str:
    lines = ["openapi: 3.0.0", "info: {title: t, version: '1'}"]
    if root_servers:
        lines.append(f"servers: {root_servers}")
    lines += ["paths:", "  /x:"]
    if path_servers:
        lines.append(f"    servers: {path_servers}")
    lines.append("    get:")
    if operation_servers:
        lines.append(f"      servers: {operation_servers}")
    lines.append("      responses: {'200': {description: ok}}")
    return "\n".join(lines) + "\n"


@pytest.mark.parametrize(
    ("root", "operation", "path", "expected"),
    [
        ("", "", "", Tri.UNKNOWN),
        ("[{url: 'https://api.example.com'}]", "", "", Tri.NO),
        ("[{url: 'http://api.example.com/v1'}]", "", "", Tri.YES),
        ("[{url: 'http://a.example.com'}, {url: 'https://b.example.com'}]", "", "", Tri.NO),
        ("[{url: 'http://localhost:8080'}, {url: 'http://127.0.0.1'}]", "", "", Tri.UNKNOWN),
        ("[{url: 'http://localhost:8080'}, {url: 'http://api.example.com'}]", "", "", Tri.YES),
        ("[{url: /v1}]", "", "", Tri.UNKNOWN),
        (
            "[{url: '{scheme}://api.example.com', variables: {scheme: {default: http}}}]",
            "",
            "",
            Tri.YES,
        ),
        ("[{url: '{scheme}://api.example.com'}]", "", "", Tri.UNKNOWN),
        ("[{url: 'https://api.example.com'}]", "[{url: 'http://legacy.example.com'}]", "", Tri.YES),
        ("[{url: 'http://api.example.com'}]", "", "[{url: 'https://api.example.com'}]", Tri.NO),
    ],
)
def test_openapi3_servers_decide_plain_http(
    root: str, operation: str, path: str, expected: Tri
) -> None:
    assert endpoint(extract(v3(root, operation, path)), "GET /x").plain_http is expected


def test_service_plain_http_comes_from_the_document_servers() -> None:
    fragment = extract(v3("[{url: 'https://api.example.com'}]", "[{url: 'http://x.example'}]"))
    assert fragment.services[0].plain_http is Tri.NO


def v2(schemes: str, host: str = "api.example.com", operation_schemes: str = "") -> str:
    lines = ['swagger: "2.0"', "info: {title: t, version: '1'}", f"host: {host}"]
    if schemes:
        lines.append(f"schemes: {schemes}")
    lines += ["paths:", "  /x:", "    get:"]
    if operation_schemes:
        lines.append(f"      schemes: {operation_schemes}")
    lines.append("      responses: {'200': {description: ok}}")
    return "\n".join(lines) + "\n"


@pytest.mark.parametrize(
    ("schemes", "host", "operation", "expected"),
    [
        ("", "api.example.com", "", Tri.UNKNOWN),
        ("[http]", "api.example.com", "", Tri.YES),
        ("[http, https]", "api.example.com", "", Tri.NO),
        ("[http]", "localhost:5000", "", Tri.UNKNOWN),
        ("[https]", "api.example.com", "[http]", Tri.YES),
        ("[ws]", "api.example.com", "", Tri.UNKNOWN),
    ],
)
def test_swagger2_schemes_decide_plain_http(
    schemes: str, host: str, operation: str, expected: Tri
) -> None:
    assert endpoint(extract(v2(schemes, host, operation)), "GET /x").plain_http is expected
