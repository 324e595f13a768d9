"""HTTP server started without read timeouts.

What it flags:
    A Go HTTP server that never times out reading a request: `http.ListenAndServe` /
    `ListenAndServeTLS` (the package functions build a server with no timeouts), an
    `http.Server{...}` without `ReadTimeout` or `ReadHeaderTimeout` (and none assigned
    later), gin's `r.Run()` and echo's `e.Start()` without a read timeout set on
    `e.Server`.

Why it matters:
    Each connection holds a goroutine and a file descriptor for as long as the client
    keeps sending. A slowloris client opens thousands of connections and trickles one
    header byte at a time: the server never gives up on them, runs out of descriptors or
    memory, and stops accepting real clients. One laptop is enough; no flood is needed.

Evidence used:
    `server-timeouts-missing` facts on the service: the serving call or the `http.Server`
    literal.

Does not fire when:
    `ReadHeaderTimeout` or `ReadTimeout` is set in the literal or assigned to the server
    variable in the same file, or echo's `e.Server.ReadTimeout` is assigned.

Known false positives:
    A reverse proxy or load balancer in front of the service that buffers requests and
    enforces its own header timeout (nginx, an AWS ALB) absorbs slow clients; it is not
    visible from the Go code. A server built in one file and tuned in another is reported.

Remediation:
    Build an `http.Server` with `ReadHeaderTimeout` (a few seconds), `ReadTimeout`,
    `WriteTimeout` and `IdleTimeout`, and call its `ListenAndServe` instead of the package
    function or the framework's `Run`.

References:
    CWE-400 Uncontrolled Resource Consumption; CAPEC-469 HTTP DoS;
    OWASP API4:2023 Unrestricted Resource Consumption.
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
    id="TD-D014",
    name="server-without-timeouts",
    title="HTTP server without read timeouts",
    stride=(Stride.DENIAL_OF_SERVICE,),
    cwe=(400,),
    capec=(469,),
    owasp=("API4:2023",),
    cvss_vector="CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:N/A:H",
    confidence=Confidence.MEDIUM,
    applies_to=(ElementKind.SERVICE,),
    fix=FixAvailability.DISPLAY_ONLY,
)


def check(model: ThreatModel) -> Iterator[Match]:
    for element, fact in facts_in_model(model, FactKind.SERVER_TIMEOUTS_MISSING):
        yield Match(
            element=element.key,
            evidence=evidence_of(element, fact),
            qualifier=f"{fact.name}@{fact.location.path}",
            message=f"{describe(element)} accepts connections with no read timeout: "
            f"{fact.detail} ({fact.location}).",
            attack_vector="A client opens many connections and sends request headers one "
            "byte at a time (slowloris), never finishing them.",
            impact="Connections, goroutines and file descriptors run out; the service stops "
            "answering legitimate clients.",
            fix=Fix(
                summary="Serve through an http.Server with ReadHeaderTimeout, ReadTimeout, "
                "WriteTimeout and IdleTimeout set."
            ),
        )
