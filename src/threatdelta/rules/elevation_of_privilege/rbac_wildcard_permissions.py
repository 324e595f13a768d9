"""Kubernetes RBAC role granting wildcard permissions.

What it flags:
    A rule of a Kubernetes `Role` or `ClusterRole` with `"*"` in its `verbs`, `resources` or
    `apiGroups`: every action on a resource, every resource of a group (secrets included),
    or every API group (custom resources added later included).

Why it matters:
    Whoever holds the role (a service account whose token leaks from a compromised pod, a
    user) gets far more than the workload needs: with `*` verbs or resources in a
    ClusterRole they read every secret of the cluster, create pods that mount the node, or
    bind themselves to `cluster-admin`. Wildcards also grant whatever the API gains later.

Evidence used:
    The role's IaC element from the Kubernetes extractor (`rules[<i>].verbs`, `.resources`,
    `.apiGroups` as JSON lists). The evidence is each wildcard list of the rule, in file
    order; one threat per rule. A rule whose only wildcard is `apiGroups` has lower
    confidence (the verbs and resources still limit it).

Does not fire when:
    Every verb, resource and API group is named; wildcards in `resourceNames` or
    `nonResourceURLs` (not read); aggregated ClusterRoles whose rules are filled in by the
    control plane.

Known false positives:
    Operators and cluster administration tools sometimes need broad rights: accept the
    threat with that justification, and keep their service account in its own namespace.

Remediation:
    List the verbs (`get`, `list`, `watch`, ...), resources and API groups the workload
    uses; prefer a namespaced `Role` to a `ClusterRole`; never grant `*` on `secrets`,
    `pods/exec` or `rolebindings`.

References:
    CWE-269 Improper Privilege Management; CAPEC-122 Privilege Abuse; OWASP API5:2023 Broken
    Function Level Authorization; Kubernetes documentation, "RBAC Good Practices".
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator

from threatdelta.findings.threat import Confidence, Fix, Stride
from threatdelta.model.base import ElementKind
from threatdelta.model.elements import IacAttribute, IacResource
from threatdelta.model.kubernetes_pods import is_kubernetes
from threatdelta.model.threat_model import ThreatModel
from threatdelta.rules.spec import FixAvailability, Match, RuleSpec

SPEC = RuleSpec(
    id="TD-E009",
    name="rbac-wildcard-permissions",
    title="RBAC role grants wildcard permissions",
    stride=(Stride.ELEVATION_OF_PRIVILEGE,),
    cwe=(269,),
    capec=(122,),
    owasp=("API5:2023",),
    cvss_vector="CVSS:3.1/AV:N/AC:H/PR:L/UI:N/S:C/C:H/I:H/A:H",
    confidence=Confidence.HIGH,
    applies_to=(ElementKind.IAC,),
    fix=FixAvailability.DISPLAY_ONLY,
)

_RULE_FIELD = re.compile(r"^(rules\[\d+\])\.(apiGroups|resources|verbs)$")


def _wildcard(attribute: IacAttribute) -> bool:
    try:
        values = json.loads(attribute.value)
    except ValueError:
        return attribute.value == "*"
    return values == "*" or (isinstance(values, list) and "*" in values)


def _wildcards(role: IacResource) -> dict[str, list[IacAttribute]]:
    """Rule (`rules[0]`) -> its wildcard lists, in file order."""
    found: dict[str, list[IacAttribute]] = {}
    for attribute in role.attributes:
        match = _RULE_FIELD.match(attribute.name)
        if match and _wildcard(attribute):
            found.setdefault(match.group(1), []).append(attribute)
    return found


def _match(role: IacResource, rule: str, lists: list[IacAttribute]) -> Match:
    lists = sorted(lists, key=lambda a: a.evidence[0].location.start_line)
    fields = ", ".join(f"`{a.name.partition('.')[2]}`" for a in lists)
    only_groups = all(a.name.endswith(".apiGroups") for a in lists)
    return Match(
        element=role.key,
        evidence=tuple(ev for a in lists for ev in a.evidence),
        qualifier=rule,
        message=f"{role.type.removeprefix('k8s:')} `{role.name}` grants `*` in {fields} of {rule}.",
        attack_vector="Whoever holds the role, such as a service account whose token leaks "
        "from a compromised pod, uses every action the wildcard allows.",
        impact="Reading secrets, creating privileged pods or binding cluster-admin: control "
        "of the namespace or the cluster.",
        confidence=SPEC.confidence.lowered() if only_groups else None,
        fix=Fix(summary="List the verbs, resources and API groups the workload needs."),
    )


def check(model: ThreatModel) -> Iterator[Match]:
    for role in model.iac:
        if is_kubernetes(role, "Role", "ClusterRole"):
            for rule, lists in _wildcards(role).items():
                yield _match(role, rule, lists)
