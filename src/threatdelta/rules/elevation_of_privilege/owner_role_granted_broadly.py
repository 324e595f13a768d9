"""Owner or editor of a whole cloud project or subscription granted to a principal.

What it flags:
    A Google Cloud project IAM grant (`google_project_iam_member`,
    `google_project_iam_binding`) of `roles/owner` or `roles/editor`, and an Azure role
    assignment (`azurerm_role_assignment`) of `Owner` or `Contributor` whose `scope` is a
    whole subscription (`/subscriptions/<id>` or a subscription's `id`). A value from a
    variable default counts, with lower confidence.

Why it matters:
    These basic roles allow almost everything in the project or subscription: reading
    every secret and database, changing IAM (Owner), deleting resources. A grant to a user
    or a workload's service account means one phished login or one compromised workload
    controls the whole environment. Google's default compute service account with Editor
    is the classic case.

Evidence used:
    The grant resource with values substituted by the linker; the first evidence is the
    `role` / `role_definition_name` argument, then the members or scope.

Does not fire when:
    The role is a predefined or custom narrower role; the Azure scope is a resource group
    or a single resource; the role or scope is an expression that cannot be read.

Known false positives:
    Break-glass administrator accounts are given Owner deliberately; accept them in the
    register with the justification and an owner.

Remediation:
    Grant predefined roles scoped to what the principal uses (`roles/storage.objectViewer`
    on a bucket, `Storage Blob Data Reader` on a container), and keep Owner for a few
    break-glass accounts.

References:
    CWE-269 Improper Privilege Management; CAPEC-122 Privilege Abuse; Google Cloud IAM
    documentation, "Basic roles"; CIS Google Cloud Platform Foundations Benchmark 1.5;
    Azure RBAC best practices, "Limit the number of subscription owners".
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from threatdelta.findings.threat import Confidence, Stride
from threatdelta.model.base import ElementKind
from threatdelta.model.elements import IacAttribute, IacResource
from threatdelta.model.iac_lookup import label
from threatdelta.model.iac_settings import own
from threatdelta.model.threat_model import ThreatModel
from threatdelta.rules.iac_match import Wording, iac_match
from threatdelta.rules.spec import FixAvailability, Match, RuleSpec

SPEC = RuleSpec(
    id="TD-E018",
    name="owner-role-granted-broadly",
    title="Owner or editor role over a whole project or subscription",
    stride=(Stride.ELEVATION_OF_PRIVILEGE,),
    cwe=(269,),
    capec=(122,),
    cvss_vector="CVSS:3.1/AV:N/AC:H/PR:L/UI:N/S:C/C:H/I:H/A:H",
    confidence=Confidence.HIGH,
    applies_to=(ElementKind.IAC,),
    fix=FixAvailability.DISPLAY_ONLY,
)

_GCP = {"google_project_iam_member", "google_project_iam_binding"}
_GCP_ROLES = {"roles/owner", "roles/editor"}
_AZURE_ROLES = {"Owner", "Contributor"}
_SUBSCRIPTION = re.compile(
    r"/subscriptions/[^/]+/?|\$\{data\.azurerm_subscription\.[A-Za-z0-9_-]+\.id\}"
)


def _deciding(grant: IacResource) -> list[IacAttribute] | None:
    if grant.type in _GCP:
        role = own(grant, "role")
        if role is None or role.value not in _GCP_ROLES:
            return None
        who = own(grant, "member") or own(grant, "members")
        return [role, *([who] if who else [])]
    if grant.type == "azurerm_role_assignment":
        role, scope = own(grant, "role_definition_name"), own(grant, "scope")
        if role is None or role.value not in _AZURE_ROLES or scope is None:
            return None
        return [role, scope] if _SUBSCRIPTION.fullmatch(scope.value) else None
    return None


def check(model: ThreatModel) -> Iterator[Match]:
    for grant in model.iac:
        deciding = _deciding(grant)
        if deciding is None:
            continue
        role = deciding[0].value
        whom = f" to {deciding[1].value}" if len(deciding) > 1 and grant.type in _GCP else ""
        where = "the whole project" if grant.type in _GCP else "the whole subscription"
        yield iac_match(
            SPEC,
            grant,
            deciding,
            Wording(
                message=f"{label(grant)} grants `{role}` over {where}{whom}.",
                attack_vector="Whoever takes over the principal (a phished login, a "
                "compromised workload using the service account) acts with near-total "
                "rights over every resource.",
                impact="Read every secret and datastore, change IAM, delete or replace "
                "infrastructure.",
                fix="Grant narrow predefined roles on the resources the principal uses.",
            ),
        )
