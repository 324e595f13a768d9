"""File path built from request input.

What it flags:
    A filesystem call whose path comes from request data or may: `open`, `send_file`,
    `os.path.join`, `pathlib.Path` in Python; `fs.*`, `res.sendFile`, `res.download`,
    `path.join` in JavaScript and TypeScript.

Why it matters:
    A file name such as `../../etc/passwd` or an absolute path walks out of the intended
    folder. The attacker reads configuration, keys and source code, or, when the call writes,
    overwrites files the service later loads or executes.

Evidence used:
    `file-access` facts from handlers (on the endpoint) and module-level code (on the
    service): the callee as `name` and `from_input`, yes when a request value reaches the
    path inside the function, unknown when a value of unseen origin does.

Does not fire when:
    The path is a literal or constant; the call is a containment-checking API
    (`send_from_directory`, werkzeug `safe_join`, Express `res.sendFile(name, { root })`,
    Go `os.DirFS(dir).Open(name)`), which rejects paths that leave their base folder; in
    Java, the path is a normalised `Path` checked with `startsWith` in an `if` that throws
    or returns before the call. A path join written inside the file call it feeds
    (`open(os.path.join(d, n))`) is reported once, at the file call.

Known false positives:
    Paths normalised and checked against a base folder before use outside Java
    (`os.path.realpath` plus a prefix check, `path.resolve` plus `startsWith`) are not
    recognised as safe; names already mapped through an allow-list or a database lookup
    may be reported with medium confidence.

Remediation:
    Never use client input as a path. Look the file up by an identifier, or join with
    `werkzeug.utils.safe_join` / `send_from_directory`, or resolve the joined path and reject
    it unless it is still inside the base folder; in Express pass `{ root }` to `sendFile`.

References:
    CWE-22 Improper Limitation of a Pathname to a Restricted Directory ('Path Traversal');
    CAPEC-126 Path Traversal; OWASP Top 10 A01:2021 Broken Access Control.
"""

from __future__ import annotations

from collections.abc import Iterator

from threatdelta.findings.threat import Confidence, Fix, Stride
from threatdelta.model.base import ElementKind, Tri
from threatdelta.model.elements import Endpoint, Service
from threatdelta.model.facts import CodeFact, FactKind
from threatdelta.model.threat_model import ThreatModel
from threatdelta.rules.predicates import describe, evidence_of, facts_in_model, from_input
from threatdelta.rules.spec import FixAvailability, Match, RuleSpec

SPEC = RuleSpec(
    id="TD-T002",
    name="path-from-input",
    title="File path built from request input",
    stride=(Stride.TAMPERING, Stride.INFORMATION_DISCLOSURE),
    cwe=(22,),
    capec=(126,),
    cvss_vector="CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:N/A:N",
    confidence=Confidence.HIGH,
    applies_to=(ElementKind.ENDPOINT, ElementKind.SERVICE),
    fix=FixAvailability.UNSAFE,
)
_CONTAINED_APIS = frozenset({"send_from_directory", "safe_join"})
_PATH_BUILDERS = ("path.join", "path.resolve", "Path")


def is_contained_api(fact: CodeFact) -> bool:
    """An API that confines the path to a base folder by itself."""
    return fact.name.rsplit(".", 1)[-1] in _CONTAINED_APIS


def is_reported(fact: CodeFact) -> bool:
    return fact.from_input is not Tri.NO and not is_contained_api(fact)


def is_nested_path_builder(fact: CodeFact, element: Endpoint | Service) -> bool:
    """`path.join(...)` written inside a reported file call: one threat for the line."""
    return fact.name.endswith(_PATH_BUILDERS) and any(
        other.kind is FactKind.FILE_ACCESS
        and not other.name.endswith(_PATH_BUILDERS)
        and other.location.contains(fact.location)
        and is_reported(other)
        for other in element.facts
    )


def check(model: ThreatModel) -> Iterator[Match]:
    for element, fact in facts_in_model(model, FactKind.FILE_ACCESS):
        if not is_reported(fact) or is_nested_path_builder(fact, element):
            continue
        origin = "request input" if from_input(fact) else "a value of unconfirmed origin"
        yield Match(
            element=element.key,
            evidence=evidence_of(element, fact),
            message=f"{fact.name} in {describe(element)} uses a file path built from "
            f"{origin}, with no check that it stays inside its folder.",
            attack_vector="The client sends a name containing '../' sequences or an absolute "
            "path to reach files outside the intended folder.",
            impact="Reading secrets, keys and source code from the server, or overwriting "
            "files when the call writes.",
            qualifier=fact.name,
            confidence=SPEC.confidence if from_input(fact) else SPEC.confidence.lowered(),
            fix=Fix(
                summary=f"Confine the path given to {fact.name} to its base folder "
                "(safe_join / send_from_directory, or resolve and check the prefix)."
            ),
        )
