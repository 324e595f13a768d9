"""Secret written into a compose file's environment.

What it flags:
    A docker-compose service environment variable whose name says it holds a secret
    (`POSTGRES_PASSWORD`, `API_TOKEN`, `JWT_SECRET`, `STRIPE_SECRET_KEY`) set to a literal
    value, in the mapping or the `NAME=value` list form.

Why it matters:
    The compose file is committed: everyone with read access to the repository, its
    forks, clones and CI logs has the credential, and it stays in git history after it is
    removed. The value is also visible to anyone who can `docker inspect` the container.

Evidence used:
    The environment entry of the service.

Does not fire when:
    The value is an interpolation (`${DB_PASSWORD}`, `$TOKEN`) read from the environment
    or an `.env` file at deployment; the value is a placeholder (`changeme`, `<password>`,
    `xxxx`) or shorter than 8 characters; the name does not say secret (`POSTGRES_USER`,
    `TOKEN_URL`, `POSTGRES_PASSWORD_FILE`); the variable comes from `env_file` or
    `secrets`.

Known false positives:
    Throw-away credentials of a local development stack are reported too; they are still
    copied into every developer's setup. Accept them in the register when they never reach
    a shared environment.

Remediation:
    Reference the value (`${POSTGRES_PASSWORD}`) and set it from the deployment's secret
    store or an untracked `.env` file, or use compose `secrets` with a `*_FILE` variable;
    rotate the committed credential.

References:
    CWE-798 Use of Hard-coded Credentials; CAPEC-191 Read Sensitive Constants Within an
    Executable; Docker documentation, "Manage secrets securely in Docker Compose".
"""

from __future__ import annotations

from collections.abc import Iterator

from threatdelta.findings.threat import Confidence, Fix, Stride
from threatdelta.model.base import ElementKind
from threatdelta.model.threat_model import ThreatModel
from threatdelta.rules.container_settings import COMPOSE_SERVICE, literal_secret, of_type
from threatdelta.rules.spec import FixAvailability, Match, RuleSpec

SPEC = RuleSpec(
    id="TD-I013",
    name="secret-in-compose-environment",
    title="Secret written into a compose file",
    stride=(Stride.INFORMATION_DISCLOSURE,),
    cwe=(798,),
    capec=(191,),
    owasp=("API8:2023",),
    cvss_vector="CVSS:3.1/AV:N/AC:L/PR:L/UI:N/S:U/C:H/I:N/A:N",
    confidence=Confidence.MEDIUM,
    applies_to=(ElementKind.IAC,),
    fix=FixAvailability.DISPLAY_ONLY,
)

_PREFIX = "environment."


def check(model: ThreatModel) -> Iterator[Match]:
    for service in of_type(model, COMPOSE_SERVICE):
        for a in service.attributes:
            name = a.name.removeprefix(_PREFIX)
            if not a.name.startswith(_PREFIX) or not literal_secret(name, a.value):
                continue
            yield Match(
                element=service.key,
                evidence=a.evidence,
                qualifier=name,
                message=f"Compose service `{service.name}` sets `{name}` to a literal value "
                "in a committed file.",
                attack_vector="Anyone who can read the repository, a fork, a clone or its "
                "history reads the credential and uses it against the system it unlocks.",
                impact="Use of the credential: access to the database, API or signing key "
                "it protects.",
                fix=Fix(
                    summary=f"Set `{name}: ${{{name}}}` and provide the value from a secret "
                    "store or an untracked `.env` file; rotate the committed value."
                ),
            )
