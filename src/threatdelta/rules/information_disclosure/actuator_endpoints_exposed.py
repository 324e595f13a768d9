"""Management (actuator) endpoints exposed over HTTP.

What it flags:
    A Spring Boot setting that publishes every actuator endpoint over the web
    (`management.endpoints.web.exposure.include=*`) or one of the sensitive ones (`env`,
    `heapdump`, `threaddump`, `configprops`, `beans`, `mappings`, `loggers`, `logfile`,
    `shutdown`, `jolokia`, `httptrace`/`httpexchanges`, `sessions`, `scheduledtasks`,
    `caches`, `flyway`, `liquibase`, `auditevents`, `conditions`, `quartz`), in
    `application*.properties` or `application*.yml`.

Why it matters:
    Actuator endpoints are diagnostics for operators. Over HTTP, `heapdump` hands out a
    memory image with passwords, tokens and session ids; `env` and `configprops` show
    configuration values; `loggers` lets a caller change log levels; `shutdown` stops the
    service. They are often left reachable without authentication, or on the same port as
    the API.

Evidence used:
    `management-endpoints-exposed` facts on the service: the exposure list as written, at
    the line of the setting.

Does not fire when:
    Only `health`, `info`, `prometheus`/`metrics` or other non-sensitive endpoints are
    exposed; the list is a placeholder resolved at run time (`${...}`).

Known false positives:
    A management port bound to a private interface (`management.server.port` /
    `management.server.address`) or a filter chain that requires an admin role for
    `/actuator/**` protects the endpoints; the rule does not read either and reports the
    exposure anyway (medium confidence).

Remediation:
    Expose only `health` and `info` over the web, serve the rest on a separate management
    port bound to an internal address, and require an operator role for `/actuator/**`.

References:
    CWE-215 Insertion of Sensitive Information Into Debugging Code; CWE-200 Exposure of
    Sensitive Information to an Unauthorized Actor; CAPEC-121 Exploit Non-Production
    Interfaces; OWASP API8:2023 Security Misconfiguration.
"""

from __future__ import annotations

from collections.abc import Iterator

from threatdelta.findings.threat import Confidence, Fix, Stride
from threatdelta.model.base import ElementKind
from threatdelta.model.facts import CodeFact, FactKind
from threatdelta.model.threat_model import ThreatModel
from threatdelta.rules.predicates import describe, evidence_of, facts
from threatdelta.rules.spec import FixAvailability, Match, RuleSpec

SPEC = RuleSpec(
    id="TD-I023",
    name="actuator-endpoints-exposed",
    title="Sensitive actuator endpoints exposed over HTTP",
    stride=(Stride.INFORMATION_DISCLOSURE, Stride.DENIAL_OF_SERVICE),
    cwe=(215, 200),
    capec=(121,),
    owasp=("API8:2023",),
    cvss_vector="CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:N/A:L",
    confidence=Confidence.MEDIUM,
    applies_to=(ElementKind.SERVICE,),
    fix=FixAvailability.DISPLAY_ONLY,
)
SENSITIVE = frozenset(
    {
        "*",
        "env",
        "heapdump",
        "threaddump",
        "configprops",
        "beans",
        "mappings",
        "loggers",
        "logfile",
        "shutdown",
        "jolokia",
        "httptrace",
        "httpexchanges",
        "sessions",
        "scheduledtasks",
        "caches",
        "flyway",
        "liquibase",
        "auditevents",
        "conditions",
        "quartz",
    }
)


def exposed_sensitive(fact: CodeFact) -> list[str]:
    """The sensitive endpoints of an exposure list (`*` stands for all of them)."""
    if fact.name.startswith("${"):
        return []
    names = [n.strip().strip("\"'").lower() for n in fact.name.split(",")]
    return [n for n in names if n in SENSITIVE]


def check(model: ThreatModel) -> Iterator[Match]:
    for service in model.services:
        for fact in facts(service, FactKind.MANAGEMENT_ENDPOINTS_EXPOSED):
            found = exposed_sensitive(fact)
            if not found:
                continue
            shown = "every actuator endpoint" if "*" in found else ", ".join(found)
            yield Match(
                element=service.key,
                evidence=evidence_of(service, fact),
                qualifier=fact.location.path,
                message=f"{describe(service)} exposes {shown} over HTTP "
                f"(`management.endpoints.web.exposure.include` at {fact.location}).",
                attack_vector="A client requests `/actuator/heapdump`, `/actuator/env` or "
                "`/actuator/loggers` on the service's port.",
                impact="Disclosure of credentials and tokens held in memory or "
                "configuration, and control over logging or shutdown of the service.",
                fix=Fix(
                    summary="Expose only `health,info` over the web and move the other "
                    "actuator endpoints to an internal management port behind an "
                    "operator role."
                ),
            )
