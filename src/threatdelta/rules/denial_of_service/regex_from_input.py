"""Regular expression built from request input (ReDoS).

What it flags:
    A regular expression compiled or matched from request data: `re.compile`, `re.search`,
    `re.match` given a value from `request.*` or a handler parameter in Python;
    `new RegExp(req.query.q)` and the like in JavaScript and TypeScript.

Why it matters:
    Python's `re` and JavaScript's regex engines backtrack. A client who controls the
    pattern sends one such as `(a+)+$` with a matching subject, and evaluation takes
    exponential time: a Python worker is stuck for minutes, and in Node.js the single event
    loop stops serving every other request. The client can also craft patterns that match
    more than intended (regex injection) in searches and filters.

Evidence used:
    `regex-compile` facts in handlers whose `from_input` is yes: the request value reaches
    the pattern argument through simple intra-procedural flow.

Does not fire when:
    The pattern is a literal or a constant; the input was passed through an escaping
    function first (`re.escape`, `escapeRegExp`, `_.escapeRegExp`), which the extractor
    reports as not known to come from input.

Known false positives:
    Patterns limited to a very short length or validated against an allow-list of
    characters before use, which a simple data-flow view does not recognise.

Remediation:
    Escape the input (`re.escape`, lodash `escapeRegExp`) or use plain substring matching;
    where users must supply patterns, use a linear-time engine (RE2: `google-re2`, `re2`
    for Node) with a length limit and a timeout.

References:
    CWE-1333 Inefficient Regular Expression Complexity; CWE-400 Uncontrolled Resource
    Consumption; CAPEC-492 Regular Expression Exponential Blowup; OWASP API4:2023
    Unrestricted Resource Consumption.
"""

from __future__ import annotations

from collections.abc import Iterator

from threatdelta.findings.threat import Confidence, Fix, Stride
from threatdelta.model.base import ElementKind
from threatdelta.model.facts import FactKind
from threatdelta.model.threat_model import ThreatModel
from threatdelta.rules.predicates import endpoint_evidence, facts, from_input
from threatdelta.rules.spec import FixAvailability, Match, RuleSpec

SPEC = RuleSpec(
    id="TD-D003",
    name="regex-from-input",
    title="Regular expression built from request input",
    stride=(Stride.DENIAL_OF_SERVICE,),
    cwe=(1333, 400),
    capec=(492,),
    owasp=("API4:2023",),
    cvss_vector="CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:N/A:H",
    confidence=Confidence.HIGH,
    applies_to=(ElementKind.ENDPOINT,),
    fix=FixAvailability.DISPLAY_ONLY,
)


def check(model: ThreatModel) -> Iterator[Match]:
    for ep in model.endpoints:
        for fact in facts(ep, FactKind.REGEX_COMPILE):
            if not from_input(fact):
                continue
            yield Match(
                element=ep.key,
                evidence=endpoint_evidence(ep, fact),
                qualifier=fact.name,
                message=f"{ep.method} {ep.path} builds a regular expression from request "
                f"input with `{fact.name}` at {fact.location}.",
                attack_vector="A client sends a pattern with nested quantifiers (such as "
                "`(a+)+$`) and a subject that makes the engine backtrack exponentially.",
                impact="A worker process, or the whole Node.js event loop, is blocked for "
                "minutes per request: the service stops answering.",
                fix=Fix(
                    summary="Escape the input before building the pattern (re.escape / "
                    "escapeRegExp), or use a linear-time engine such as RE2."
                ),
            )
