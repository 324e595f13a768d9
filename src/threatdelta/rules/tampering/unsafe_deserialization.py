"""Untrusted data given to an unsafe deserialiser.

What it flags:
    Data decoded by a deserialiser that can build arbitrary objects: `pickle.load(s)`,
    `yaml.load` without a safe loader, `yaml.unsafe_load`, `marshal.loads`,
    `jsonpickle.decode`, `shelve` in Python; `node-serialize`'s `unserialize` and
    `serialize-javascript` output passed to `eval` in JavaScript.

Why it matters:
    These formats describe which code to run while decoding (`__reduce__`, `!!python/object`
    tags, immediately-invoked functions). Whoever controls the bytes runs commands on the
    server with the service's privileges: reading secrets, pivoting inside the network,
    changing any data.

Evidence used:
    `unsafe-deserialization` facts from handlers (on the endpoint) and module-level code
    (on the service), with `from_input`: yes when the request body, a parameter, a cookie or
    an upload reaches the call; unknown for data of unseen origin (a cache, a queue, a file).

Does not fire when:
    The data is a literal or a constant path in the repository; a safe loader is used
    (`yaml.safe_load`, `yaml.load(..., Loader=SafeLoader)`, `json.loads`).

Known false positives:
    Data read from a store only the service itself writes (its own cache, a signed blob
    checked with `hmac.compare_digest` first) is reported with medium confidence; the
    signature check is not recognised.

Remediation:
    Exchange data as JSON (or another data-only format) validated by a schema; use
    `yaml.safe_load`; if objects must be serialised, sign them with an HMAC and verify it
    before decoding, and never decode client-supplied bytes with pickle.

References:
    CWE-502 Deserialization of Untrusted Data; CAPEC-586 Object Injection; OWASP Top 10
    A08:2021 Software and Data Integrity Failures.
"""

from __future__ import annotations

from collections.abc import Iterator

from threatdelta.findings.threat import Confidence, Fix, Stride
from threatdelta.model.base import ElementKind, Tri
from threatdelta.model.facts import FactKind
from threatdelta.model.threat_model import ThreatModel
from threatdelta.rules.predicates import describe, evidence_of, facts_in_model, from_input
from threatdelta.rules.spec import FixAvailability, Match, RuleSpec

SPEC = RuleSpec(
    id="TD-T003",
    name="unsafe-deserialization",
    title="Untrusted data deserialised with an object-building decoder",
    stride=(Stride.TAMPERING, Stride.ELEVATION_OF_PRIVILEGE),
    cwe=(502,),
    capec=(586,),
    cvss_vector="CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H",
    confidence=Confidence.HIGH,
    applies_to=(ElementKind.ENDPOINT, ElementKind.SERVICE),
    fix=FixAvailability.UNSAFE,
)


def check(model: ThreatModel) -> Iterator[Match]:
    for element, fact in facts_in_model(model, FactKind.UNSAFE_DESERIALIZATION):
        if fact.from_input is Tri.NO:
            continue
        origin = "request data" if from_input(fact) else "data of unconfirmed origin"
        yield Match(
            element=element.key,
            evidence=evidence_of(element, fact),
            message=f"{fact.name} in {describe(element)} deserialises {origin} with a "
            "decoder that can construct arbitrary objects and run code.",
            attack_vector="The attacker sends (or plants in the source the service reads) a "
            "crafted payload whose decoding invokes a command.",
            impact="Remote code execution with the service's privileges: secrets, data and "
            "the host are the attacker's.",
            qualifier=fact.name,
            confidence=SPEC.confidence if from_input(fact) else SPEC.confidence.lowered(),
            fix=Fix(
                summary=f"Replace {fact.name} with a data-only format such as JSON (or "
                "yaml.safe_load), validated by a schema."
            ),
        )
