"""Kubernetes pod that mounts a service-account token with RBAC rights it does not need
to expose.

What it flags:
    A Kubernetes Pod or workload whose service account (`serviceAccountName`, else
    `default`) is bound to a Role or ClusterRole by a `RoleBinding` or `ClusterRoleBinding`
    in the repository, while the token is mounted into the pod: `automountServiceAccountToken`
    is `true` or unset on the pod, and not `false` on the ServiceAccount object.

Why it matters:
    The token is a file in every container of the pod. Whoever gets code execution or a
    file read in any of them (path traversal, SSRF to a file URL, a vulnerable dependency)
    takes the token and acts on the Kubernetes API as the service account, with every
    permission its bindings grant, from inside or, with a reachable API server, from
    outside the cluster.

Evidence used:
    The workload's IaC element (`pod.automountServiceAccountToken`,
    `pod.serviceAccountName`, `metadata.namespace`), the ServiceAccount object when
    present, and the bindings' `subjects`. The first evidence is the
    `automountServiceAccountToken: true` line, else the `serviceAccountName` line, else
    the workload object; the binding's `subjects` line follows.

Does not fire when:
    The pod or its ServiceAccount sets `automountServiceAccountToken: false`; no binding in
    the repository names the service account (a token without RBAC rights gives little);
    the binding is in another namespace than the pod (for a RoleBinding subject without a
    namespace, the binding's namespace is the subject's).

Known false positives:
    Workloads that call the Kubernetes API on purpose (operators, controllers) need the
    token: accept the threat, and keep the role narrow. Bindings created outside the
    repository (by Helm charts not rendered, by hand) are not seen, which hides threats
    rather than creating them.

Remediation:
    Set `automountServiceAccountToken: false` on the ServiceAccount (or the pod) of every
    workload that does not call the API; for those that do, mount a projected token with
    a short expiry and an audience, and narrow the role.

References:
    CWE-522 Insufficiently Protected Credentials; CAPEC-560 Use of Known Domain
    Credentials; OWASP API8:2023 Security Misconfiguration; Kubernetes documentation,
    "Configure Service Accounts for Pods" (opt out of API credential automounting).
"""

from __future__ import annotations

import json
from collections.abc import Iterator

from threatdelta.findings.threat import Confidence, Fix, Stride
from threatdelta.model.base import ElementKind, Evidence, EvidenceRole
from threatdelta.model.elements import IacResource
from threatdelta.model.kubernetes_pods import containers, is_kubernetes, setting
from threatdelta.model.threat_model import ThreatModel
from threatdelta.rules.spec import FixAvailability, Match, RuleSpec

SPEC = RuleSpec(
    id="TD-S009",
    name="service-account-token-automounted",
    title="Pod mounts a service-account token with API rights",
    stride=(Stride.SPOOFING, Stride.ELEVATION_OF_PRIVILEGE),
    cwe=(522,),
    capec=(560,),
    owasp=("API8:2023",),
    cvss_vector="CVSS:3.1/AV:N/AC:H/PR:L/UI:N/S:C/C:H/I:H/A:N",
    confidence=Confidence.MEDIUM,
    applies_to=(ElementKind.IAC,),
    fix=FixAvailability.UNSAFE,
)

Account = tuple[str, str]  # (namespace, service account name)


def _namespace(resource: IacResource) -> str:
    namespace = setting(resource, "metadata.namespace")
    return namespace.value if namespace is not None else "default"


def _account(pod: IacResource) -> Account:
    named = setting(pod, "pod.serviceAccountName") or setting(pod, "pod.serviceAccount")
    return _namespace(pod), named.value if named is not None else "default"


def _bound(model: ThreatModel) -> dict[Account, Evidence]:
    """Service accounts that a binding names -> the binding's `subjects` evidence."""
    found: dict[Account, Evidence] = {}
    for binding in model.iac:
        subjects = setting(binding, "subjects")
        if not is_kubernetes(binding, "RoleBinding", "ClusterRoleBinding") or subjects is None:
            continue
        try:
            listed = json.loads(subjects.value)
        except ValueError:
            continue
        for subject in listed if isinstance(listed, list) else []:
            if not isinstance(subject, dict) or subject.get("kind") != "ServiceAccount":
                continue
            if name := subject.get("name"):
                namespace = str(subject.get("namespace") or _namespace(binding))
                where = Evidence(location=subjects.evidence[0].location, role=EvidenceRole.CONFIG)
                found.setdefault((namespace, str(name)), where)
    return found


def _opted_out(model: ThreatModel, pod: IacResource, account: Account) -> bool:
    own = setting(pod, "pod.automountServiceAccountToken")
    if own is not None:
        return own.value == "false"
    return any(
        is_kubernetes(sa, "ServiceAccount")
        and sa.name.rpartition(":")[2] == f"{account[0]}/{account[1]}"
        and (flag := setting(sa, "automountServiceAccountToken")) is not None
        and flag.value == "false"
        for sa in model.iac
    )


def _match(pod: IacResource, account: Account, binding: Evidence) -> Match:
    at = (
        setting(pod, "pod.automountServiceAccountToken")
        or setting(pod, "pod.serviceAccountName")
        or setting(pod, "pod.serviceAccount")
    )
    where = at.evidence if at is not None else pod.evidence[:1]
    return Match(
        element=pod.key,
        evidence=(*where, binding),
        message=f"{pod.type.removeprefix('k8s:')} `{pod.name}` mounts the token of service "
        f"account `{account[1]}` (namespace `{account[0]}`), which a binding grants API "
        "rights; nothing sets `automountServiceAccountToken: false`.",
        attack_vector="Code execution or a file read in any container of the pod yields the "
        "token, used against the Kubernetes API as the service account.",
        impact="Every action the account's roles allow: reading secrets, changing workloads.",
        fix=Fix(summary="Set `automountServiceAccountToken: false` where the API is not used."),
    )


def check(model: ThreatModel) -> Iterator[Match]:
    bound = _bound(model)
    for pod in model.iac:
        if not containers(pod):
            continue
        account = _account(pod)
        if account in bound and not _opted_out(model, pod, account):
            yield _match(pod, account, bound[account])
