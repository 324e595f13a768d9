"""Password stored with a fast or unsalted hash.

What it flags:
    A password-like value hashed with a general-purpose digest (`hashlib.md5`, `sha1`,
    `sha256` without a salt; `crypto.createHash('md5' | 'sha1').update(password)`) instead of
    a password hashing function.

Why it matters:
    Password databases leak (backups, SQL injection, a compromised replica). A fast digest
    lets an attacker test billions of guesses per second on one GPU, and without a salt one
    precomputed table cracks every user at once; the recovered passwords then log the
    attacker in here and, through reuse, on other sites.

Evidence used:
    `weak-password-hash` facts from handlers (on the endpoint) and module-level code such as
    a user model or an auth helper (on the service); the extractor requires both a fast
    digest and a password-like variable, argument or attribute name.

Does not fire when:
    The password goes through bcrypt, scrypt, argon2, PBKDF2 (`hashlib.pbkdf2_hmac`,
    `werkzeug.security.generate_password_hash`, `passlib`, `bcrypt`, `argon2`); a digest is
    applied to something that is not named like a password (a file, an ETag, a cache key).

Known false positives:
    A value named like a password that is not one (a hashed one-time reset token with high
    entropy, which a fast digest protects adequately); a legacy hash kept only to verify and
    upgrade old passwords on next login.

Remediation:
    Hash passwords with argon2id, scrypt or bcrypt (or PBKDF2-HMAC-SHA256 with a high
    iteration count) through a maintained library, which salts per user; rehash existing
    hashes at each user's next successful login.

References:
    CWE-916 Use of Password Hash With Insufficient Computational Effort; CWE-328 Use of Weak
    Hash; CAPEC-55 Rainbow Table Password Cracking; OWASP ASVS V2.4 Credential Storage.
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
    id="TD-S005",
    name="weak-password-hash",
    title="Password hashed with a fast or unsalted digest",
    stride=(Stride.SPOOFING, Stride.INFORMATION_DISCLOSURE),
    cwe=(916, 328),
    capec=(55,),
    cvss_vector="CVSS:3.1/AV:N/AC:H/PR:N/UI:N/S:U/C:H/I:N/A:N",
    confidence=Confidence.HIGH,
    applies_to=(ElementKind.ENDPOINT, ElementKind.SERVICE),
    fix=FixAvailability.DISPLAY_ONLY,
)


def check(model: ThreatModel) -> Iterator[Match]:
    for element, fact in facts_in_model(model, FactKind.WEAK_PASSWORD_HASH):
        how = f" ({fact.detail.rstrip('.')})" if fact.detail else ""
        yield Match(
            element=element.key,
            evidence=evidence_of(element, fact),
            message=f"{fact.name} in {describe(element)} hashes a password with a fast, "
            f"unsalted digest{how}; leaked hashes can be cracked at scale.",
            attack_vector="After obtaining the stored hashes (backup, injection, replica), the "
            "attacker cracks them offline with GPU dictionaries or rainbow tables.",
            impact="Recovery of users' plaintext passwords, then login as those users here "
            "and on other services where they reused the password.",
            qualifier=fact.name,
            fix=Fix(
                summary=f"Replace {fact.name} with argon2id, scrypt or bcrypt through a "
                "maintained library, and rehash old hashes at next login."
            ),
        )
