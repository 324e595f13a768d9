"""Exception or stack-trace text returned to the client.

What it flags:
    A handler or error handler that puts the text of a caught exception into the HTTP
    response: `str(e)`, `repr(e)`, `e.args` or `traceback.format_exc()` in a Flask/FastAPI
    response, `err.message`, `err.stack` or the error object itself in Express
    `res.send`/`res.json`.

Why it matters:
    Error text is written for developers. Sent to the client it tells an attacker which
    database, ORM, library versions, file paths, table and column names the service uses,
    and often echoes the failing SQL or the internal host it tried to reach. Provoking
    errors on purpose becomes a cheap way to map the system before a real attack.

Evidence used:
    `error-text-returned` facts from the handler body (handler facts on the endpoint) or
    from module-level error handlers (facts on the service).

Does not fire when:
    The handler logs the exception and answers with a fixed message or an error code; the
    exception is only logged, printed or re-raised.

Known false positives:
    Exceptions raised on purpose with a user-facing message (a validation error whose text
    is "quantity must be positive") are reported the same way, as the message is not known
    statically. Services that only run in development still match.

Remediation:
    Log the exception server-side (with a correlation id) and return a generic message and
    that id; keep domain validation messages in dedicated exception types whose text is
    known to be safe.

References:
    CWE-209 Generation of Error Message Containing Sensitive Information; CAPEC-54 Query
    System for Information; CAPEC-215 Fuzzing for Application Mapping; OWASP API8:2023
    Security Misconfiguration.
"""

from __future__ import annotations

from collections.abc import Iterator

from threatdelta.findings.threat import Confidence, Fix, Stride
from threatdelta.model.base import ElementKind
from threatdelta.model.facts import FactKind
from threatdelta.model.threat_model import ThreatModel
from threatdelta.rules.predicates import describe, evidence_of, facts_in_model
from threatdelta.rules.spec import FixAvailability, Match, RuleSpec

SPEC = RuleSpec(
    id="TD-I001",
    name="error-details-returned",
    title="Exception details returned to the client",
    stride=(Stride.INFORMATION_DISCLOSURE,),
    cwe=(209,),
    capec=(54, 215),
    owasp=("API8:2023",),
    cvss_vector="CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:L/I:N/A:N",
    confidence=Confidence.MEDIUM,
    applies_to=(ElementKind.ENDPOINT, ElementKind.SERVICE),
    fix=FixAvailability.SAFE,
)


def check(model: ThreatModel) -> Iterator[Match]:
    for element, fact in facts_in_model(model, FactKind.ERROR_TEXT_RETURNED):
        yield Match(
            element=element.key,
            evidence=evidence_of(element, fact),
            qualifier=fact.name,
            message=f"{describe(element)} sends exception text (`{fact.name}`) to the client "
            f"at {fact.location}.",
            attack_vector="A client sends malformed or unexpected input on purpose to "
            "trigger the error and reads the exception text in the response.",
            impact="Disclosure of internals (queries, file paths, library versions, internal "
            "hosts) that makes later attacks easier to aim.",
            fix=Fix(
                summary="Log the exception server-side and return a generic error message "
                "with a correlation id instead of the exception text."
            ),
        )
