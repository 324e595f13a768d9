"""Debug mode switched on in code.

What it flags:
    A literal that turns on a framework's debug mode: `app.run(debug=True)`,
    `app.debug = True`, a `DEBUG = True` setting, `FastAPI(debug=True)`, Express's
    `errorhandler()` middleware or `app.set('env', 'development')`.

Why it matters:
    Debug mode answers errors with full stack traces, source excerpts, settings and request
    data. With Flask the Werkzeug debugger also offers an interactive console in the browser,
    guarded only by a PIN that can be derived from information the service itself leaks. A
    debug flag hard-coded in the repository follows the code into every environment it is
    deployed to unless something else overrides it.

Evidence used:
    `debug-enabled` facts from module-level code (facts on the service): the literal
    assignment or call that enables debug mode.

Does not fire when:
    The flag is read from the environment or configuration (`debug=os.environ.get(...)`),
    is set to a false value, or the debug middleware is only referenced, not applied.

Known false positives:
    `app.run(debug=True)` inside `if __name__ == "__main__":` only runs with the development
    server; a production WSGI/ASGI server never calls it. Settings modules used only for
    local development (`settings/dev.py`) also match.

Remediation:
    Read the debug flag from the environment with a false default, and never enable the
    interactive debugger or the development error handler in a deployed service.

References:
    CWE-489 Active Debug Code; CWE-215 Insertion of Sensitive Information Into Debugging
    Code; CAPEC-121 Exploit Non-Production Interfaces; OWASP API8:2023 Security
    Misconfiguration.
"""

from __future__ import annotations

from collections.abc import Iterator

from threatdelta.findings.threat import Confidence, Fix, Stride
from threatdelta.model.base import ElementKind
from threatdelta.model.facts import FactKind
from threatdelta.model.threat_model import ThreatModel
from threatdelta.rules.predicates import describe, evidence_of, facts
from threatdelta.rules.spec import FixAvailability, Match, RuleSpec

SPEC = RuleSpec(
    id="TD-I002",
    name="debug-mode-enabled",
    title="Debug mode enabled in code",
    stride=(Stride.INFORMATION_DISCLOSURE,),
    cwe=(489, 215),
    capec=(121,),
    owasp=("API8:2023",),
    cvss_vector="CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:L/I:N/A:N",
    confidence=Confidence.MEDIUM,
    applies_to=(ElementKind.SERVICE,),
    fix=FixAvailability.SAFE,
)


def check(model: ThreatModel) -> Iterator[Match]:
    for service in model.services:
        for fact in facts(service, FactKind.DEBUG_ENABLED):
            yield Match(
                element=service.key,
                evidence=evidence_of(service, fact),
                qualifier=fact.name,
                message=f"{describe(service)} enables debug mode through `{fact.name}` at "
                f"{fact.location}; deployed as is, errors are answered with stack traces "
                "and internals.",
                attack_vector="A client triggers an error (or opens the debugger console "
                "where the framework offers one) and reads what the debug page shows.",
                impact="Disclosure of stack traces, source excerpts, settings and request "
                "data; where an interactive debugger is exposed (Werkzeug), a path to "
                "running code on the server.",
                fix=Fix(
                    summary="Read the debug flag from the environment with a false default "
                    "instead of hard-coding it on."
                ),
            )
