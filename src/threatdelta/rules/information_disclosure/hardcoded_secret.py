"""Secret or key written into the source code.

What it flags:
    A string literal used as a secret: assigned to a secret-like name (`SECRET_KEY`,
    `API_TOKEN`, `DB_PASSWORD`), passed as a signing key (`jwt.encode(.., "...")`,
    `jwt.sign(payload, '...')`, `session({secret: '...'})`), or matching a known token
    format (AWS access key, GitHub token, live payment key, PEM private key).

Why it matters:
    Everyone who can read the repository, its forks, its history, build logs or the built
    image holds the secret. A signing key lets them forge sessions and tokens for any user;
    an API or database credential lets them act as the service. Deleting the line later does
    not help: the value stays in the history until it is rotated.

Evidence used:
    `hardcoded-secret` facts, on the endpoint when the literal is inside a handler and on
    the service when it is module-level. The value itself is never copied into the threat:
    messages name the variable or call only.

Does not fire when:
    The value comes from the environment, a configuration file or a secret manager; the
    literal is a placeholder (`changeme`, `xxx`, `<token>`, `${VAR}`) or shorter than eight
    characters (the extractors do not report those).

Known false positives:
    Test keys and example values in tests, fixtures and samples (reported with lower
    confidence when the file lives under such a folder); public identifiers that happen to
    be assigned to a secret-like name (a publishable key).

Remediation:
    Rotate the secret now, then load it from the environment or a secret manager at start-up
    and fail fast when it is missing. Add a secret scanner to pre-commit and CI.

References:
    CWE-798 Use of Hard-coded Credentials; CWE-321 Use of Hard-coded Cryptographic Key;
    CAPEC-191 Read Sensitive Constants Within an Executable; OWASP API8:2023 Security
    Misconfiguration.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from threatdelta.findings.threat import Confidence, Fix, Stride
from threatdelta.model.base import ElementKind
from threatdelta.model.facts import CodeFact, FactKind
from threatdelta.model.threat_model import ThreatModel
from threatdelta.rules.predicates import describe, evidence_of, facts_in_model
from threatdelta.rules.spec import FixAvailability, Match, RuleSpec

SPEC = RuleSpec(
    id="TD-I003",
    name="hardcoded-secret",
    title="Hard-coded secret in source code",
    stride=(Stride.INFORMATION_DISCLOSURE, Stride.SPOOFING),
    cwe=(798, 321),
    capec=(191,),
    owasp=("API8:2023",),
    cvss_vector="CVSS:3.1/AV:N/AC:H/PR:N/UI:N/S:U/C:H/I:H/A:N",
    confidence=Confidence.HIGH,
    applies_to=(ElementKind.SERVICE, ElementKind.ENDPOINT),
    fix=FixAvailability.DISPLAY_ONLY,
)

_NON_PRODUCTION = re.compile(
    r"(^|/)(tests?|__tests__|spec|specs|fixtures?|examples?|samples?|demo)(/|$)"
    r"|(^|/)test_[^/]*$|[._-](test|spec)\.[a-z]+$",
    re.IGNORECASE,
)
_NAME = re.compile(r"^[A-Za-z_$][\w$.\-]*(\(\))?$")
_VALUE_LIKE = re.compile(
    r"^(AKIA|ASIA|ghp_|gho_|ghs_|github_pat_|sk_live_|rk_live_|xox[abp]-)"
    r"|(?=[^._\-]*\d)(?=[^._\-]*[A-Za-z])[^._\-]{16,}"
)


def shown(name: str) -> str:
    """The fact's name as a message may show it: a variable or call name stays; anything
    that could be the value itself (a token format, a long random run) is masked."""
    if _NAME.match(name) and not _VALUE_LIKE.search(name):
        return name
    return "<masked>"


def _confidence(fact: CodeFact) -> Confidence:
    if _NON_PRODUCTION.search(fact.location.path):
        return SPEC.confidence.lowered()
    return SPEC.confidence


def check(model: ThreatModel) -> Iterator[Match]:
    for element, fact in facts_in_model(model, FactKind.HARDCODED_SECRET):
        yield Match(
            element=element.key,
            evidence=evidence_of(element, fact),
            qualifier=fact.name,
            message=f"{describe(element)} uses a secret written into the code as "
            f"`{shown(fact.name)}` at {fact.location} (value not shown).",
            attack_vector="Anyone with read access to the repository, a fork, its history, "
            "a build log or the built image copies the value.",
            impact="Forged sessions or tokens, or access to the third-party account or data "
            "store the secret unlocks, until the secret is rotated.",
            confidence=_confidence(fact),
            fix=Fix(
                summary=f"Rotate the secret and load `{shown(fact.name)}` from the "
                "environment or a secret manager instead of a literal."
            ),
        )
