"""Which security requirement applies to an operation, and what it means."""

from __future__ import annotations

import pytest
from openapi_helpers import codes, endpoint, extract

from threatdelta.model.base import Level, Tri


def spec(global_security: str, operation_security: str = "") -> str:
    lines = [
        "openapi: 3.0.0",
        "info: {title: t, version: '1'}",
        "components:",
        "  securitySchemes:",
        "    jwt: {type: http, scheme: bearer, bearerFormat: JWT}",
        "    basic: {type: http, scheme: basic}",
        "    digest: {type: http, scheme: Digest}",
        "    cookieKey: {type: apiKey, in: cookie, name: sid}",
        "    mtls: {type: mutualTLS}",
    ]
    if global_security:
        lines.append(f"security: {global_security}")
    lines += ["paths:", "  /things:", "    post:"]
    if operation_security:
        lines.append(f"      security: {operation_security}")
    lines.append("      responses: {'201': {description: created}}")
    return "\n".join(lines) + "\n"


@pytest.mark.parametrize(
    ("global_security", "operation_security", "authentication", "schemes"),
    [
        ("", "", Tri.NO, ()),
        ("[]", "", Tri.NO, ()),
        ("[{}]", "", Tri.NO, ()),
        ("[{jwt: []}]", "", Tri.YES, ("bearer",)),
        ("[{jwt: []}]", "[]", Tri.NO, ()),
        ("[{jwt: []}]", "[{basic: []}]", Tri.YES, ("basic",)),
        ("", "[{jwt: [], cookieKey: []}]", Tri.YES, ("bearer", "apiKey:cookie")),
        ("", "[{digest: []}, {mtls: []}]", Tri.YES, ("digest", "mutualTLS")),
        ("", "[{}, {jwt: []}]", Tri.NO, ("bearer",)),
        ("not-a-list", "", Tri.UNKNOWN, ()),
        ("[plain, text]", "", Tri.UNKNOWN, ()),
    ],
)
def test_effective_security_requirement(
    global_security: str, operation_security: str, authentication: Tri, schemes: tuple[str, ...]
) -> None:
    fragment = extract(spec(global_security, operation_security))
    ep = endpoint(fragment, "POST /things")
    assert (ep.authentication, ep.auth_schemes) == (authentication, schemes)
    assert codes(fragment) == []


def test_undefined_scheme_still_requires_authentication_and_is_reported() -> None:
    fragment = extract(spec("[{session: []}]"))
    ep = endpoint(fragment, "POST /things")
    assert ep.authentication is Tri.YES
    assert ep.auth_schemes == ("session",)
    [note] = fragment.notifications
    assert (note.code, note.level) == ("undefined-security-scheme", Level.WARNING)
    assert note.message == "security requirements name schemes that are not defined: 'session'"
