"""API key sent in the URL query string by the declared authentication scheme.

What it flags:
    An endpoint whose authentication scheme is an API key carried as a query parameter: an
    OpenAPI `apiKey` security scheme with `in: query` (recorded as the `apiKey:query`
    scheme), applied to the operation or globally.

Why it matters:
    URLs are not secret. Query strings are written to web-server, proxy, CDN and
    application access logs, kept in browser history, sent to other sites in the `Referer`
    header and pasted into tickets and chats. Anyone who reads one of those copies replays
    the key and is the client it belongs to, usually until someone rotates it by hand.
    Because the scheme itself puts it there, every client sends the key this way on every
    call.

Evidence used:
    The endpoint's `auth_schemes`, from the OpenAPI security requirements (per operation or
    global) resolved against `components.securitySchemes` / `securityDefinitions`.

Does not fire when:
    The key travels in a header (`in: header`, such as `X-API-Key`) or a cookie, or the
    operation uses bearer, OAuth 2 or session authentication. Credential-named query
    parameters that are not a declared scheme are reported by TD-I007.

Known false positives:
    A scheme declared in the specification but not accepted by the running service (the
    code reads the key from a header only) is still reported; the specification then
    documents an unsafe way for clients to call the API.

Remediation:
    Declare and accept the key in a request header (`in: header`, `X-API-Key`, or
    `Authorization: Bearer ...`) and stop accepting it in the query; rotate keys that have
    appeared in logs.

References:
    CWE-598 Use of GET Request Method With Sensitive Query Strings; CWE-522 Insufficiently
    Protected Credentials; no CAPEC pattern describes the weakness directly; OWASP
    API2:2023 Broken Authentication.
"""

from __future__ import annotations

from collections.abc import Iterator

from threatdelta.findings.threat import Confidence, Fix, Stride
from threatdelta.model.base import ElementKind
from threatdelta.model.elements import Endpoint
from threatdelta.model.threat_model import ThreatModel
from threatdelta.rules.predicates import endpoint_evidence
from threatdelta.rules.spec import FixAvailability, Match, RuleSpec

SPEC = RuleSpec(
    id="TD-S008",
    name="api-key-in-query",
    title="API key authentication through the URL query string",
    stride=(Stride.SPOOFING, Stride.INFORMATION_DISCLOSURE),
    cwe=(598, 522),
    owasp=("API2:2023",),
    cvss_vector="CVSS:3.1/AV:N/AC:H/PR:N/UI:N/S:U/C:L/I:L/A:N",
    confidence=Confidence.HIGH,
    applies_to=(ElementKind.ENDPOINT,),
    fix=FixAvailability.DISPLAY_ONLY,
)


def uses_query_api_key(ep: Endpoint) -> bool:
    return any(s.lower().startswith("apikey:query") for s in ep.auth_schemes)


def check(model: ThreatModel) -> Iterator[Match]:
    for ep in model.endpoints:
        if not uses_query_api_key(ep):
            continue
        yield Match(
            element=ep.key,
            evidence=endpoint_evidence(ep),
            message=f"{ep.method} {ep.path} authenticates with an API key in the query "
            "string, where access logs, browser history and Referer headers keep a copy.",
            attack_vector="Someone with access to a log, a proxy, a shared link or a Referer "
            "header replays the key from the URL.",
            impact="Use of the API as the key's owner until the key is rotated.",
            fix=Fix(
                summary=f"Accept the API key for {ep.method} {ep.path} in a request header "
                "instead of the query string, and rotate keys already logged."
            ),
        )
