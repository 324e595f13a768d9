"""State-changing operation that leaves no audit record.

What it flags:
    A POST, PUT, PATCH or DELETE handler whose body writes no log entry: no `logger.*`,
    `logging.*`, `log.*` or `audit*(...)` call in Python, no winston or pino logger call in
    JavaScript (a bare `console.log` does not count: it has no level, identity or
    retention; a `console.info`/`log`/`warn`/`error` call that writes an audit event, a
    message starting with `audit` or an object with an `audit` key, does).

Why it matters:
    When records are changed or deleted, investigators need to know who did what, to which
    object and when. Without an audit trail a malicious insider or a hijacked account can
    deny the action, fraud goes unnoticed, and an incident cannot be scoped or reversed.

Evidence used:
    The endpoint's `audit_logged` fact: no when the handler's body was analysed and contains
    no logger call; unknown when it could not be analysed completely.

Does not fire when:
    The handler logs; the endpoint is an authentication endpoint (TD-R002 covers those) or
    a health probe; the endpoint is known only from an OpenAPI document, with no handler to
    inspect.

Known false positives:
    Auditing done outside the handler (a service-layer function it calls, middleware that
    logs every request with the user, database triggers, an ORM event hook) is not seen;
    hence medium confidence when the handler shows no logging and low when its logging is
    unknown.

Remediation:
    Write one structured audit event per change: who (authenticated user or client id),
    what (action and object id), when, from where (IP, request id), and the outcome; send
    it to a store the application cannot rewrite.

References:
    CWE-778 Insufficient Logging; CAPEC: none describes the weakness directly; OWASP Top 10
    A09:2021 Security Logging and Monitoring Failures; OWASP API10:2019 Insufficient
    Logging & Monitoring.
"""

from __future__ import annotations

from collections.abc import Iterator

from threatdelta.findings.threat import Confidence, Fix, Stride
from threatdelta.model.base import ElementKind, Tri
from threatdelta.model.threat_model import ThreatModel
from threatdelta.rules.predicates import (
    confidence_for,
    endpoint_evidence,
    is_authentication_endpoint,
    is_public_by_design,
    is_state_changing,
    lacks,
)
from threatdelta.rules.spec import FixAvailability, Match, RuleSpec

SPEC = RuleSpec(
    id="TD-R001",
    name="state-change-without-audit-log",
    title="State-changing operation without an audit log entry",
    stride=(Stride.REPUDIATION,),
    cwe=(778,),
    owasp=("API10:2019",),
    cvss_vector="CVSS:3.1/AV:N/AC:H/PR:L/UI:N/S:U/C:N/I:L/A:N",
    confidence=Confidence.MEDIUM,
    applies_to=(ElementKind.ENDPOINT,),
    fix=FixAvailability.SAFE,
)


def check(model: ThreatModel) -> Iterator[Match]:
    for ep in model.endpoints:
        if not is_state_changing(ep) or ep.handler is None or not lacks(ep.audit_logged):
            continue
        if is_authentication_endpoint(ep) or is_public_by_design(ep):
            continue
        name = f" ({ep.handler_name})" if ep.handler_name else ""
        seen = "writes no log entry" if ep.audit_logged is Tri.NO else "may write no log entry"
        yield Match(
            element=ep.key,
            evidence=endpoint_evidence(ep),
            message=f"The handler of {ep.method} {ep.path}{name} changes state but {seen}, "
            "so the change cannot be attributed later.",
            attack_vector="A malicious user or a hijacked account changes or deletes data "
            "and later denies it; nothing records who did it.",
            impact="Changes cannot be attributed, investigated or reversed with confidence.",
            confidence=confidence_for(ep.audit_logged, SPEC.confidence),
            fix=Fix(
                summary=f"Log an audit event in the handler of {ep.method} {ep.path}: user, "
                "action, object id, outcome."
            ),
        )
