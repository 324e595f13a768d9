"""Password hash, secret or token exposed as a response field.

What it flags:
    A response schema, response model, serializer or literal response body that includes a
    credential field (`password`, `password_hash`, `otp`, `pin`) on any endpoint, or a secret
    or token field (`api_key`, `client_secret`, `refresh_token`, `private_key`) on an
    endpoint that reads or updates an existing object.

Why it matters:
    Responses are cached, logged, stored in browser memory and shown in developer tools, and
    any other flaw that lets one user read another's record (IDOR, a too-broad list) now
    leaks what is needed to take the account over: hashes are cracked offline, tokens and
    keys are replayed as they are.

Evidence used:
    The endpoint's `response_fields` (OpenAPI response schemas, pydantic response models,
    literal `jsonify`/`res.json` keys), each classified by name into data classes.

Does not fire when:
    Tokens are returned by an authentication endpoint (login, token, refresh: issuing them
    is its job) or a secret or key is returned by the POST that creates it (shown once);
    the field only describes a credential (`password_changed_at`, `has_password`,
    `token_type`, `token_expires_at`, `api_key_id`).

Known false positives:
    Classification is by field name: a `pin` that is a map pin or a `session` that is a
    training session is reported. Fields that a serializer later drops at runtime are not
    visible in a schema that still lists them.

Remediation:
    Return an explicit allow-list of output fields (a dedicated response model or
    serializer) that never includes credentials, secrets or tokens; show a new secret only
    in the response that creates it.

References:
    CWE-200 Exposure of Sensitive Information to an Unauthorized Actor; CWE-213 Exposure of
    Sensitive Information Due to Incompatible Policies; CAPEC-116 Excavation; OWASP
    API3:2023 Broken Object Property Level Authorization.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from threatdelta.findings.threat import Confidence, Fix, Stride
from threatdelta.model.base import DataClass, ElementKind
from threatdelta.model.data_classes import classify
from threatdelta.model.elements import Endpoint
from threatdelta.model.threat_model import ThreatModel
from threatdelta.rules.predicates import endpoint_evidence, is_authentication_endpoint
from threatdelta.rules.spec import FixAvailability, Match, RuleSpec

SPEC = RuleSpec(
    id="TD-I006",
    name="sensitive-field-in-response",
    title="Credential, secret or token exposed in a response",
    stride=(Stride.INFORMATION_DISCLOSURE,),
    cwe=(200, 213),
    capec=(116,),
    owasp=("API3:2023",),
    cvss_vector="CVSS:3.1/AV:N/AC:L/PR:L/UI:N/S:U/C:H/I:N/A:N",
    confidence=Confidence.MEDIUM,
    applies_to=(ElementKind.ENDPOINT,),
    fix=FixAvailability.DISPLAY_ONLY,
)

_ISSUED = frozenset({DataClass.SECRETS, DataClass.TOKENS})
_METADATA_WORDS = frozenset(
    {
        "at", "on", "has", "is", "type", "expires", "expiry", "expiration", "changed",
        "updated", "created", "set", "count", "length", "policy", "required", "enabled",
        "strength", "hint", "last4", "prefix", "suffix", "masked", "scope", "scopes", "id",
    }
)  # fmt: skip


def _describes_a_secret(field: str) -> bool:
    """`password_changed_at`, `hasPassword`, `token_type`, `api_key_prefix`: about the
    secret, not the secret."""
    snake = re.sub(r"(?<=[a-z0-9])([A-Z])", r"_\1", field).lower()
    words = re.split(r"[^a-z0-9]+", snake)
    if "session_id" in snake or "sessionid" in words:  # the session id is the secret
        words = [w for w in words if w not in ("session", "id")]
    return bool(_METADATA_WORDS.intersection(words))


def exposed_fields(ep: Endpoint) -> list[tuple[str, DataClass]]:
    """Response fields that hold a credential, secret or token, with their class. Login and
    token endpoints issue tokens, and a POST that creates a key shows it once."""
    issued_here = is_authentication_endpoint(ep) or ep.method == "POST"
    exposed: list[tuple[str, DataClass]] = []
    for field in ep.response_fields:
        data_class = classify(field)
        if data_class is None or _describes_a_secret(field):
            continue
        if data_class is DataClass.CREDENTIALS or (data_class in _ISSUED and not issued_here):
            exposed.append((field, data_class))
    return exposed


def check(model: ThreatModel) -> Iterator[Match]:
    for ep in model.endpoints:
        if not (exposed := exposed_fields(ep)):
            continue
        listed = ", ".join(f"`{name}` ({data_class.value})" for name, data_class in exposed)
        yield Match(
            element=ep.key,
            evidence=endpoint_evidence(ep),
            message=f"{ep.method} {ep.path} returns {listed} in its response.",
            attack_vector="A caller, or anyone who can read another user's record through "
            "this endpoint, reads the field from the response, a cache or a log.",
            impact="Offline cracking of password hashes, or replay of keys and tokens to "
            "take over accounts and integrations.",
            fix=Fix(
                summary=f"Drop {', '.join(name for name, _ in exposed)} from the response "
                "model or serializer of this endpoint."
            ),
        )
