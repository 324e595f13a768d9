"""Secret written as a literal environment value in a Kubernetes manifest.

What it flags:
    An environment variable of a container in a Kubernetes workload whose name says it holds
    a secret (`DB_PASSWORD`, `API_TOKEN`, `JWT_SECRET`, `STRIPE_API_KEY`) and whose value is
    written in the manifest (`value: ...`), or any variable whose value is a URL with a
    password in it (`postgres://app:s3cret@db/shop`).

Why it matters:
    The manifest is in the repository: everyone with read access to it, its forks, CI logs
    and backups has the secret, forever (git history keeps it after it is removed). In the
    cluster, a literal env value is visible to anyone who can `get` the workload, which is
    far more people than can read Secrets.

Evidence used:
    The workload's IaC element from the Kubernetes extractor (`container.<name>.env.<VAR>`,
    literal values only). The evidence is the `value:` line; one threat per variable.

Does not fire when:
    The value comes from `valueFrom` (a `secretKeyRef`, a `configMapKeyRef`); the value is
    empty, a reference to another variable (`$(OTHER)`), a number or boolean (a
    `PASSWORD_MIN_LENGTH`, a `TOKEN_TTL`), a duration (`15m`) or a file path (a mounted
    secret, `/run/secrets/db`); the name does not suggest a secret.

Known false positives:
    Obvious placeholders (`changeme`, `dummy`) in a manifest used only for local tests are
    reported too: a placeholder that reaches production is the usual way such values leak.

Remediation:
    Rotate the secret, then move it to a Kubernetes `Secret` (created from a secret manager,
    External Secrets or Sealed Secrets, not committed in clear) and reference it with
    `valueFrom.secretKeyRef`.

References:
    CWE-798 Use of Hard-coded Credentials; CAPEC-191 Read Sensitive Constants Within an
    Executable; OWASP API8:2023 Security Misconfiguration; Kubernetes documentation, "Good
    practices for Kubernetes Secrets".
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from threatdelta.findings.threat import Confidence, Fix, Stride
from threatdelta.model.base import DataClass, ElementKind
from threatdelta.model.data_classes import classify
from threatdelta.model.elements import IacAttribute, IacResource
from threatdelta.model.kubernetes_pods import container_name, containers, env_literals, env_name
from threatdelta.model.threat_model import ThreatModel
from threatdelta.rules.spec import FixAvailability, Match, RuleSpec

SPEC = RuleSpec(
    id="TD-I012",
    name="secret-literal-in-manifest",
    title="Secret written into a Kubernetes manifest",
    stride=(Stride.INFORMATION_DISCLOSURE,),
    cwe=(798,),
    capec=(191,),
    owasp=("API8:2023",),
    cvss_vector="CVSS:3.1/AV:N/AC:L/PR:L/UI:N/S:U/C:H/I:N/A:N",
    confidence=Confidence.HIGH,
    applies_to=(ElementKind.IAC,),
    fix=FixAvailability.DISPLAY_ONLY,
)

_SECRET_CLASSES = {DataClass.CREDENTIALS, DataClass.TOKENS, DataClass.SECRETS}
_NOT_A_SECRET = re.compile(
    r"^(?:|\$\(.*\)|[-+]?\d+(?:\.\d+)?|true|false|yes|no|null|\d+[smhdw]|/\S*|\{\{.*\}\})$",
    re.I,
)
_URL_PASSWORD = re.compile(r"^[a-z][a-z0-9+.-]*://[^/:@\s]+:[^/@\s]+@", re.I)


def _why(variable: IacAttribute) -> str:
    """Why the value is a secret; "" when it is not one."""
    value = variable.value.strip()
    if _URL_PASSWORD.match(value):
        return "a URL with a password"
    if _NOT_A_SECRET.match(value) or classify(env_name(variable)) not in _SECRET_CLASSES:
        return ""
    return "a secret-like name"


def _match(resource: IacResource, container: IacAttribute, variable: IacAttribute) -> Match:
    name = env_name(variable)
    return Match(
        element=resource.key,
        evidence=variable.evidence,
        qualifier=f"{container_name(container)}/{name}",
        message=f"Environment variable `{name}` of container `{container_name(container)}` "
        f"in {resource.type.removeprefix('k8s:')} `{resource.name}` is set to a literal "
        f"value ({_why(variable)}).",
        attack_vector="Anyone who reads the repository, its history or the workload object "
        "in the cluster reads the secret.",
        impact="Use of the credential or key: access to the database, API or signing key it "
        "protects.",
        fix=Fix(summary="Rotate it and read it from a Secret with `valueFrom.secretKeyRef`."),
    )


def check(model: ThreatModel) -> Iterator[Match]:
    for resource in model.iac:
        for container in containers(resource):
            for variable in env_literals(resource, container):
                if _why(variable):
                    yield _match(resource, container, variable)
