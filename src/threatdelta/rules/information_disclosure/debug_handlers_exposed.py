"""Profiling and debug handlers reachable by the service's clients.

What it flags:
    Go's `net/http/pprof` or `expvar` imported by a file that serves
    `http.DefaultServeMux` (`http.ListenAndServe(addr, nil)`) on an address that is not
    loopback, gin-contrib's `pprof.Register(r)` or chi's `middleware.Profiler()` on the
    application's router, and any endpoint under `/debug/pprof` or `/debug/vars` that does
    not require authentication.

Why it matters:
    The profiler hands out heap dumps (request bodies, tokens and keys still in memory),
    goroutine stacks, the command line and the binary's symbol table; `/debug/vars`
    publishes `memstats` and the command line with its flags; CPU profiles and traces
    of tens of seconds each tie up the process on demand.

Evidence used:
    `debug-endpoints` facts on the service (the import, registration or mount line, with
    the serving call named in the detail) and endpoints whose path starts with
    `/debug/pprof` or `/debug/vars`, with their `authentication`.

Does not fire when:
    The default mux is served only on `localhost:`, `127.x` or `[::1]:` (a separate,
    loopback-only debug listener), the application serves its own mux or router and the
    default mux is never served, or the debug endpoint requires authentication.

Known false positives:
    A default mux served on a private port that a firewall, a Kubernetes NetworkPolicy or
    a sidecar keeps off the network is reported; an address read from configuration is
    taken as reachable. The serving call must be in the same file as the import.

Remediation:
    Serve profiling on a separate listener bound to `localhost:6060` (or a mux behind an
    admin authentication middleware), and serve the application from its own
    `http.NewServeMux()` or router instead of `http.DefaultServeMux`.

References:
    CWE-215 Insertion of Sensitive Information Into Debugging Code; CAPEC-116 Excavation;
    OWASP API8:2023 Security Misconfiguration.
"""

from __future__ import annotations

from collections.abc import Iterator

from threatdelta.findings.threat import Confidence, Fix, Stride
from threatdelta.model.base import ElementKind, Tri
from threatdelta.model.facts import FactKind
from threatdelta.model.threat_model import ThreatModel
from threatdelta.rules.predicates import (
    confidence_for,
    describe,
    endpoint_evidence,
    evidence_of,
    facts_in_model,
)
from threatdelta.rules.spec import FixAvailability, Match, RuleSpec

SPEC = RuleSpec(
    id="TD-I022",
    name="debug-handlers-exposed",
    title="Profiling or debug handlers exposed",
    stride=(Stride.INFORMATION_DISCLOSURE, Stride.DENIAL_OF_SERVICE),
    cwe=(215,),
    capec=(116,),
    owasp=("API8:2023",),
    cvss_vector="CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:N/A:L",
    confidence=Confidence.HIGH,
    applies_to=(ElementKind.SERVICE, ElementKind.ENDPOINT),
    fix=FixAvailability.DISPLAY_ONLY,
)
_DEBUG_PATHS = ("/debug/pprof", "/debug/vars")
_IMPACT = (
    "Heap dumps with secrets and request data, stack traces and the command line leak; "
    "long CPU profiles tie up the process."
)
_FIX = Fix(
    summary="Serve profiling on a separate loopback-only listener or behind admin "
    "authentication, and serve the application from its own mux."
)


def check(model: ThreatModel) -> Iterator[Match]:
    for element, fact in facts_in_model(model, FactKind.DEBUG_ENDPOINTS):
        yield Match(
            element=element.key,
            evidence=evidence_of(element, fact),
            qualifier=f"{fact.name}@{fact.location.path}",
            message=f"{describe(element)} exposes profiling handlers: {fact.detail}.",
            attack_vector="A client requests /debug/pprof/heap or /debug/vars on the "
            "service's public port.",
            impact=_IMPACT,
            fix=_FIX,
        )
    for ep in model.endpoints:
        if not ep.path.startswith(_DEBUG_PATHS) or ep.authentication is Tri.YES:
            continue
        yield Match(
            element=ep.key,
            evidence=endpoint_evidence(ep),
            message=f"{ep.method} {ep.path} serves profiling or debug data without authentication.",
            attack_vector="A client requests the debug endpoint directly.",
            impact=_IMPACT,
            confidence=confidence_for(ep.authentication, SPEC.confidence),
            fix=_FIX,
        )
