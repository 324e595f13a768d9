"""Anonymous collection endpoint without rate limiting.

What it flags:
    A GET endpoint that returns a collection (a list view, a DRF `list` route, an array
    response) which anyone may call without authentication and without a rate limit on the
    route, its router, its app or (DRF) the project's `DEFAULT_THROTTLE_CLASSES`.

Why it matters:
    Listing endpoints are the most expensive reads: each call queries and serialises many
    rows. Open to anonymous clients without a throttle, a script harvests the whole data
    set page by page or in parallel, and a handful of clients saturate the database for
    everyone else. Nothing ties the requests to an account that could be blocked.

Evidence used:
    The endpoint's method, `returns_collection`, `authentication` and `rate_limited`
    (combined from the route, its router, mount and app, and DRF's `REST_FRAMEWORK`
    defaults).

Does not fire when:
    Authentication or a rate limiter applies at any layer or could not be ruled out; the
    endpoint is not known to return a collection; it is a health or metrics probe.

Known false positives:
    Limits applied by an API gateway, CDN or WAF are not visible; small, static reference
    lists (countries, currencies) cost little to serve.

Remediation:
    Add a throttle (DRF `AnonRateThrottle` in `DEFAULT_THROTTLE_CLASSES` or
    `throttle_classes` on the view, Flask-Limiter, express-rate-limit) and paginate the
    collection with a maximum page size.

References:
    CWE-770 Allocation of Resources Without Limits or Throttling; CWE-799 Improper Control
    of Interaction Frequency; CAPEC-125 Flooding; OWASP API4:2023 Unrestricted Resource
    Consumption.
"""

from __future__ import annotations

from collections.abc import Iterator

from threatdelta.findings.threat import Confidence, Fix, Stride
from threatdelta.model.base import ElementKind, Tri
from threatdelta.model.elements import Endpoint
from threatdelta.model.threat_model import ThreatModel
from threatdelta.rules.predicates import endpoint_evidence, is_public_by_design
from threatdelta.rules.spec import FixAvailability, Match, RuleSpec

SPEC = RuleSpec(
    id="TD-D005",
    name="unthrottled-public-collection",
    title="Anonymous collection endpoint without rate limiting",
    stride=(Stride.DENIAL_OF_SERVICE, Stride.INFORMATION_DISCLOSURE),
    cwe=(770, 799),
    capec=(125,),
    owasp=("API4:2023",),
    cvss_vector="CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:L/I:N/A:L",
    confidence=Confidence.MEDIUM,
    applies_to=(ElementKind.ENDPOINT,),
    fix=FixAvailability.UNSAFE,
)


def is_open_collection(ep: Endpoint) -> bool:
    return (
        ep.method == "GET"
        and ep.returns_collection is Tri.YES
        and ep.authentication is Tri.NO
        and ep.rate_limited is Tri.NO
        and not is_public_by_design(ep)
    )


def check(model: ThreatModel) -> Iterator[Match]:
    for ep in model.endpoints:
        if not is_open_collection(ep):
            continue
        yield Match(
            element=ep.key,
            evidence=endpoint_evidence(ep),
            message=f"GET {ep.path} lists records to anonymous callers with no rate limit "
            "on the route, its router, its app or the framework's defaults.",
            attack_vector="A script pages through or repeatedly requests the listing from "
            "many addresses, with no account to block.",
            impact="The data set is harvested wholesale; the database is saturated and "
            "the service slows down for everyone.",
            fix=Fix(summary=f"Throttle GET {ep.path} per client and paginate it."),
        )
