"""NoSQL query document taken from request input.

What it flags:
    A MongoDB-style query whose filter is built from request data as a whole object:
    pymongo `find`/`find_one` with a dict built from input, mongoose or the MongoDB driver's
    `find`/`findOne` given `req.body` or `req.query` (or a field of them) unchecked.

Why it matters:
    JSON and query-string parsers turn `password[$ne]=x` or `{"password": {"$ne": null}}`
    into query operators. The attacker's "value" becomes a condition that is always true:
    logging in without a password, listing every document, or running `$where` JavaScript
    and `$regex` patterns on the database.

Evidence used:
    `nosql-query` facts from handlers (on the endpoint) and module-level code (on the
    service) whose `from_input` is yes.

Does not fire when:
    The filter is built from literals, constants or values of unknown origin; typed
    values are used (`ObjectId(id)`, `String(req.body.name)`).

Known false positives:
    Input already validated by a schema that forbids objects (joi, zod, pydantic with `str`
    fields) or sanitised by `express-mongo-sanitize` or `mongo-sanitize` is not recognised.

Remediation:
    Build the filter field by field from values cast to the expected scalar type, reject
    objects and keys starting with `$`, enable `express-mongo-sanitize` or mongoose
    `sanitizeFilter`, and validate bodies with a schema.

References:
    CWE-943 Improper Neutralization of Special Elements in Data Query Logic; CAPEC-676 NoSQL
    Injection; OWASP Top 10 A03:2021 Injection.
"""

from __future__ import annotations

from collections.abc import Iterator

from threatdelta.findings.threat import Confidence, Fix, Stride
from threatdelta.model.base import ElementKind
from threatdelta.model.facts import FactKind
from threatdelta.model.threat_model import ThreatModel
from threatdelta.rules.predicates import describe, evidence_of, facts_in_model, from_input
from threatdelta.rules.spec import FixAvailability, Match, RuleSpec

SPEC = RuleSpec(
    id="TD-T006",
    name="nosql-query-from-input",
    title="NoSQL query filter taken from request input",
    stride=(Stride.TAMPERING, Stride.INFORMATION_DISCLOSURE, Stride.SPOOFING),
    cwe=(943,),
    capec=(676,),
    cvss_vector="CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:L/A:N",
    confidence=Confidence.HIGH,
    applies_to=(ElementKind.ENDPOINT, ElementKind.SERVICE),
    fix=FixAvailability.UNSAFE,
)


def check(model: ThreatModel) -> Iterator[Match]:
    for element, fact in facts_in_model(model, FactKind.NOSQL_QUERY):
        if not from_input(fact):
            continue
        yield Match(
            element=element.key,
            evidence=evidence_of(element, fact),
            message=f"{fact.name} in {describe(element)} queries with a filter taken from "
            "the request, so clients can inject query operators such as $ne or $where.",
            attack_vector="The client sends an object where a string is expected "
            '(`{"password": {"$ne": null}}`, `user[$regex]=.*`).',
            impact="Authentication bypass and reading documents the query was meant to exclude.",
            qualifier=fact.name,
            fix=Fix(
                summary=f"Build the filter for {fact.name} from values cast to strings or "
                "ids, and reject keys that start with '$'."
            ),
        )
