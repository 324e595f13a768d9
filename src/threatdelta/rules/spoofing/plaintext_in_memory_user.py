"""User account with a plain-text password written into the code or settings.

What it flags:
    A Spring Security user whose password is stored as plain text: an
    `InMemoryUserDetailsManager` / `inMemoryAuthentication()` user built with
    `.password("{noop}...")` or `User.withDefaultPasswordEncoder()`, a
    `NoOpPasswordEncoder`, or `spring.security.user.password` set to a literal in
    `application*.properties` / `application*.yml`.

Why it matters:
    The credential is in the repository for anyone who can read it, its forks, its history
    or the built jar, and it stays valid until someone changes the code. With `{noop}` or a
    no-op encoder the passwords are also compared and kept unhashed, so a memory or
    configuration leak gives them away directly.

Evidence used:
    `plaintext-password` facts on the service (security configuration classes and Spring
    Boot settings files), at the line of the password or encoder.

Does not fire when:
    The password is a `{bcrypt}` / `{argon2}` / `{scrypt}` / `{pbkdf2}` hash, is encoded
    with a real `PasswordEncoder` at run time from a value read from the environment, or
    the setting is a `${...}` placeholder.

Known false positives:
    Demo and local-development profiles that are never deployed still match; a test
    configuration under `src/test/` is not read.

Remediation:
    Keep users in a real user store, or read the password from the environment or a secret
    manager and hash it with `PasswordEncoderFactories.createDelegatingPasswordEncoder()`
    (bcrypt); never ship `{noop}` or `NoOpPasswordEncoder`.

References:
    CWE-798 Use of Hard-coded Credentials; CWE-256 Plaintext Storage of a Password;
    CAPEC-191 Read Sensitive Constants Within an Executable; OWASP API2:2023 Broken
    Authentication.
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
    id="TD-S013",
    name="plaintext-in-memory-user",
    title="User account with a hard-coded plain-text password",
    stride=(Stride.SPOOFING, Stride.INFORMATION_DISCLOSURE),
    cwe=(798, 256),
    capec=(191,),
    owasp=("API2:2023",),
    cvss_vector="CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:N",
    confidence=Confidence.HIGH,
    applies_to=(ElementKind.SERVICE, ElementKind.ENDPOINT),
    fix=FixAvailability.DISPLAY_ONLY,
)


def check(model: ThreatModel) -> Iterator[Match]:
    for element, fact in facts_in_model(model, FactKind.PLAINTEXT_PASSWORD):
        yield Match(
            element=element.key,
            evidence=evidence_of(element, fact),
            qualifier=fact.name,
            message=f"{describe(element)} defines the user `{fact.name}` with a password "
            f"kept in plain text ({fact.detail or 'literal'}) at {fact.location}.",
            attack_vector="Anyone who reads the repository, a build log or the jar logs "
            "in with the written-down credentials.",
            impact="Impersonation of the account, often an administrator, until the code "
            "is changed and redeployed.",
            fix=Fix(
                summary="Load the credential from the environment or a secret manager and "
                "store only a bcrypt hash (a delegating PasswordEncoder)."
            ),
        )
