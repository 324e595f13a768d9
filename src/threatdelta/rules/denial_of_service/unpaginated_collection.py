"""Collection endpoint that returns every record at once.

What it flags:
    A GET endpoint that returns a collection (an array response schema, a list response
    model, a query returning all rows) where no pagination was seen: no `limit`/`offset`,
    `page`/`per_page` or cursor parameter and no paginated response envelope.

Why it matters:
    The response grows with the table. Once there are enough rows, a single request makes
    the service load, serialise and send all of them: memory and CPU spike, the database is
    scanned, and a handful of concurrent requests take the service down. Clients can also
    harvest the whole data set in one call.

Evidence used:
    The endpoint's `returns_collection` and `paginated` facts, from the OpenAPI response
    schema and parameters or the handler's response model and query parameters.

Does not fire when:
    Pagination parameters or a paginated envelope are present; the extractor could not
    tell whether the endpoint paginates (unknown is not reported); the endpoint does not
    return a collection or is not a GET.

Known false positives:
    Collections that are small and bounded by design (a list of countries, of the user's
    own three API keys) and limits applied inside a repository helper that the extractor
    does not see.

Remediation:
    Add `limit` and cursor (or `page`/`per_page`) parameters with a server-side default and
    maximum page size, and return a link or cursor to the next page.

References:
    CWE-770 Allocation of Resources Without Limits or Throttling; CWE-400 Uncontrolled
    Resource Consumption; CAPEC-130 Excessive Allocation; OWASP API4:2023 Unrestricted
    Resource Consumption.
"""

from __future__ import annotations

from collections.abc import Iterator

from threatdelta.findings.threat import Confidence, Fix, Stride
from threatdelta.model.base import ElementKind, Tri
from threatdelta.model.elements import Endpoint
from threatdelta.model.threat_model import ThreatModel
from threatdelta.rules.predicates import endpoint_evidence
from threatdelta.rules.spec import FixAvailability, Match, RuleSpec

SPEC = RuleSpec(
    id="TD-D002",
    name="unpaginated-collection",
    title="Collection returned without pagination",
    stride=(Stride.DENIAL_OF_SERVICE,),
    cwe=(770, 400),
    capec=(130,),
    owasp=("API4:2023",),
    cvss_vector="CVSS:3.1/AV:N/AC:L/PR:L/UI:N/S:U/C:N/I:N/A:L",
    confidence=Confidence.MEDIUM,
    applies_to=(ElementKind.ENDPOINT,),
    fix=FixAvailability.DISPLAY_ONLY,
)


def returns_everything(ep: Endpoint) -> bool:
    return ep.method == "GET" and ep.returns_collection is Tri.YES and ep.paginated is Tri.NO


def check(model: ThreatModel) -> Iterator[Match]:
    for ep in model.endpoints:
        if not returns_everything(ep):
            continue
        yield Match(
            element=ep.key,
            evidence=endpoint_evidence(ep),
            message=f"GET {ep.path} returns a collection with no limit, page or cursor "
            "parameter: every matching record is loaded and sent in one response.",
            attack_vector="A client (or several in parallel) requests the full collection "
            "repeatedly once the table has grown.",
            impact="Memory, CPU and database load that grows with the data, up to the "
            "service becoming unavailable; bulk harvesting of the records.",
            fix=Fix(
                summary=f"Paginate GET {ep.path}: a limit with a server-side maximum and a "
                "cursor or page parameter."
            ),
        )
