"""Password, token or key passed in the URL query string.

What it flags:
    A query parameter whose name classifies as a credential, token or secret
    (`?api_key=`, `?access_token=`, `?password=`, `?client_secret=`), declared in an OpenAPI
    operation or taken by a handler.

Why it matters:
    URLs are not private: web servers, proxies, load balancers and CDNs log them, browsers
    keep them in history and send them in `Referer` headers to third-party scripts and
    images, and users paste them into tickets and chats. A secret in the query string ends
    up in all of those places, where people who should never hold it can read and replay it.

Evidence used:
    The endpoint's `parameters` located in the query, with their data classes (from the
    extractor, or classified from the parameter name).

Does not fire when:
    The secret travels in a header (`Authorization`, `X-API-Key`), a cookie or the request
    body; the query parameter's name is not credential-, token- or secret-like, or it is a
    pagination cursor (`page_token`, `cursor`).

Known false positives:
    One-time, short-lived tokens in e-mail links (`/verify?token=`, `/reset-password?token=`)
    are a common, accepted design; a token taken by a GET on an authentication endpoint is
    reported with lower confidence (a password never is). Classification is by name, so
    an unusual name for a harmless value (`session=2024-spring` for a conference session)
    is reported.

Remediation:
    Accept the secret in the `Authorization` header or a dedicated header (or the body of a
    POST) and reject it in the query string; for one-time links, make the token single-use
    and short-lived and exchange it for a session on first use.

References:
    CWE-598 Use of GET Request Method With Sensitive Query Strings; CWE-532 Insertion of
    Sensitive Information into Log File; OWASP API8:2023 Security Misconfiguration.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from threatdelta.findings.threat import Confidence, Fix, Stride
from threatdelta.model.base import DataClass, ElementKind
from threatdelta.model.data_classes import classify
from threatdelta.model.elements import Endpoint, Parameter, ParamLocation
from threatdelta.model.threat_model import ThreatModel
from threatdelta.rules.predicates import endpoint_evidence, is_authentication_endpoint
from threatdelta.rules.spec import FixAvailability, Match, RuleSpec

SPEC = RuleSpec(
    id="TD-I007",
    name="secret-in-query-string",
    title="Secret passed in the URL query string",
    stride=(Stride.INFORMATION_DISCLOSURE,),
    cwe=(598, 532),
    owasp=("API8:2023",),
    cvss_vector="CVSS:3.1/AV:N/AC:H/PR:N/UI:N/S:U/C:H/I:N/A:N",
    confidence=Confidence.MEDIUM,
    applies_to=(ElementKind.ENDPOINT,),
    fix=FixAvailability.DISPLAY_ONLY,
)

_SECRET_CLASSES = frozenset({DataClass.CREDENTIALS, DataClass.TOKENS, DataClass.SECRETS})
_PAGINATION = re.compile(r"page|cursor|continuation", re.IGNORECASE)


def secret_class(param: Parameter) -> DataClass | None:
    """The credential, token or secret class of a parameter, if it has one (a pagination
    cursor such as `page_token` is not a secret)."""
    if _PAGINATION.search(param.name):
        return None
    classes = {*param.data_classes, classify(param.name)}
    return next((c for c in DataClass if c in classes and c in _SECRET_CLASSES), None)


def secret_query_parameters(ep: Endpoint) -> Iterator[tuple[Parameter, DataClass]]:
    for param in ep.parameters:
        data_class = secret_class(param)
        if param.location is ParamLocation.QUERY and data_class is not None:
            yield param, data_class


def _link_token(ep: Endpoint, data_class: DataClass) -> bool:
    """Likely a one-time token from an e-mail link: `GET /verify?token=`."""
    return data_class is DataClass.TOKENS and ep.method == "GET" and is_authentication_endpoint(ep)


def check(model: ThreatModel) -> Iterator[Match]:
    for ep in model.endpoints:
        for param, data_class in secret_query_parameters(ep):
            confidence = SPEC.confidence
            if _link_token(ep, data_class):
                confidence = confidence.lowered()
            yield Match(
                element=ep.key,
                evidence=endpoint_evidence(ep),
                qualifier=param.name,
                message=f"{ep.method} {ep.path} takes `{param.name}` ({data_class.value}) in "
                "the query string, where URLs are logged and leaked.",
                attack_vector="Someone with access to web server, proxy or CDN logs, browser "
                "history, or a third party receiving the Referer header reads the URL.",
                impact=f"The {data_class.value} value is replayed to act as its owner.",
                confidence=confidence,
                fix=Fix(
                    summary=f"Accept `{param.name}` in a header (or a POST body) and reject "
                    "it in the query string."
                ),
            )
