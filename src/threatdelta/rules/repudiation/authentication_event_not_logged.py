"""Authentication event that is not logged.

What it flags:
    A login, sign-up, token, password-reset or MFA endpoint (recognised by its path) whose
    handler writes no log entry, so successful and failed sign-ins leave no trace.

Why it matters:
    Credential stuffing, password spraying and account takeover show up first as patterns
    of authentication events: many failures for one account, one address trying many
    accounts, a login from a new country followed by a password reset. Without those events
    the attack is invisible while it happens, and afterwards the victim's "it was not me"
    cannot be checked.

Evidence used:
    The endpoint's path (`is_authentication_endpoint`), method and `audit_logged` fact: no
    when the handler's body was analysed and contains no `logger.*`, `logging.*`, `log.*`,
    `audit*(...)`, winston or pino call; unknown when it could not be analysed completely.

Does not fire when:
    The handler logs; the endpoint does not change state (a GET page or a session lookup);
    the endpoint is known only from an OpenAPI document, with no handler to inspect.

Known false positives:
    Logging done by the authentication library or identity provider (flask-login signals,
    passport strategies with their own logging, an external IdP) or by a helper the handler
    calls is not seen; GET-based login callbacks are not covered.

Remediation:
    Log every authentication attempt with its outcome, the account identifier (never the
    password or token), the client address and a request id; alert on bursts of failures.

References:
    CWE-778 Insufficient Logging; CAPEC-600 Credential Stuffing; CAPEC-49 Password Brute
    Forcing; OWASP Top 10 A09:2021 Security Logging and Monitoring Failures; OWASP ASVS
    V7.2 Log Processing.
"""

from __future__ import annotations

from collections.abc import Iterator

from threatdelta.findings.threat import Confidence, Fix, Stride
from threatdelta.model.base import ElementKind, Tri
from threatdelta.model.threat_model import ThreatModel
from threatdelta.rules.predicates import (
    accepts_credentials,
    confidence_for,
    endpoint_evidence,
    lacks,
)
from threatdelta.rules.spec import FixAvailability, Match, RuleSpec

SPEC = RuleSpec(
    id="TD-R002",
    name="authentication-event-not-logged",
    title="Authentication attempts are not logged",
    stride=(Stride.REPUDIATION, Stride.SPOOFING),
    cwe=(778,),
    capec=(600, 49),
    owasp=("API10:2019",),
    cvss_vector="CVSS:3.1/AV:N/AC:H/PR:N/UI:N/S:U/C:N/I:L/A:N",
    confidence=Confidence.MEDIUM,
    applies_to=(ElementKind.ENDPOINT,),
    fix=FixAvailability.SAFE,
)


def check(model: ThreatModel) -> Iterator[Match]:
    for ep in model.endpoints:
        if not accepts_credentials(ep):
            continue
        if ep.handler is None or not lacks(ep.audit_logged):
            continue
        name = f" ({ep.handler_name})" if ep.handler_name else ""
        seen = "logs nothing" if ep.audit_logged is Tri.NO else "may log nothing"
        yield Match(
            element=ep.key,
            evidence=endpoint_evidence(ep),
            message=f"The authentication endpoint {ep.method} {ep.path}{name} {seen} about "
            "successful or failed attempts.",
            attack_vector="An attacker tries leaked or guessed passwords against many "
            "accounts; no event records the attempts.",
            impact="Credential stuffing and account takeover go undetected, and disputed "
            "sign-ins cannot be investigated.",
            confidence=confidence_for(ep.audit_logged, SPEC.confidence),
            fix=Fix(
                summary=f"Log each attempt at {ep.method} {ep.path} with outcome, account id, "
                "client address and request id (never the password)."
            ),
        )
