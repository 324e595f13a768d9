"""IAM policy that allows every action, or acts on every resource.

What it flags:
    An `Allow` statement in a Terraform IAM policy whose actions include `*` (every action
    of every service) or `<service>:*` (every action of a service), or whose resources are
    `*` while its actions change something. Policies are read from the `policy` of
    `aws_iam_policy`, `aws_iam_role_policy`, `aws_iam_user_policy` and `aws_iam_group_policy`,
    the `inline_policy` blocks of `aws_iam_role` (a JSON literal, heredoc or
    `jsonencode({...})`), and the `statement` blocks of `data "aws_iam_policy_document"`
    (whose `effect` defaults to `Allow`); in CloudFormation, the `PolicyDocument` of
    `AWS::IAM::Policy` / `ManagedPolicy` and the inline `Policies` of `AWS::IAM::Role`,
    `User` and `Group`. Confidence: high for `*`, medium for a service
    wildcard, low for a `*` resource alone; lowered once more when the wildcard comes only
    from a variable default of the same folder.

Why it matters:
    Whoever gets the credentials of a principal holding the policy (a leaked key, an SSRF to
    the instance metadata, a compromised dependency in a Lambda) gets everything it allows:
    with `*` that is the whole account, including creating new administrators.

Evidence used:
    The IAM resource or policy document with variable defaults substituted by the linker.
    The first evidence is the `policy` argument (for JSON policies) or the statement's
    `actions` (or `resources`) argument; the variable default follows when used.

Does not fire when:
    The statement is a `Deny`; its actions are specific and its resources are named; a `*`
    resource goes only with actions that list or describe (`List*`, `Describe*`, which AWS
    often accepts on `*` only); the policy is built elsewhere (a `local`, a module, a
    `templatefile`) and is not visible as a literal.

Known false positives:
    A `Condition` (MFA, source VPC, tags) may narrow a wildcard and is not judged. A policy
    document that nothing attaches is reported too. Break-glass administrator roles are
    reported: accept them in the register with that justification. `NotAction` and
    `NotResource` are not read.

Remediation:
    Grant the specific actions on the specific resource ARNs the principal needs (IAM Access
    Analyzer can generate them from CloudTrail activity); keep administrator access to
    a separate, MFA-protected role.

References:
    CWE-269 Improper Privilege Management; CAPEC-122 Privilege Abuse; OWASP API5:2023
    Broken Function Level Authorization; AWS IAM User Guide, "Security best practices in
    IAM: apply least-privilege permissions".
"""

from __future__ import annotations

from collections.abc import Iterator

from threatdelta.findings.threat import Confidence, Fix, Stride
from threatdelta.model.base import ElementKind
from threatdelta.model.elements import IacAttribute, IacResource
from threatdelta.model.iac_lookup import label
from threatdelta.model.iac_settings import blocks, defaults_note, evidence_of, own
from threatdelta.model.iam_policy import (
    Statement,
    cloudformation_statements,
    document_statements,
    json_statements,
)
from threatdelta.model.threat_model import ThreatModel
from threatdelta.rules.spec import FixAvailability, Match, RuleSpec

SPEC = RuleSpec(
    id="TD-E013",
    name="iam-policy-wildcard",
    title="IAM policy with wildcard actions or resources",
    stride=(Stride.ELEVATION_OF_PRIVILEGE,),
    cwe=(269,),
    capec=(122,),
    owasp=("API5:2023",),
    cvss_vector="CVSS:3.1/AV:N/AC:H/PR:L/UI:N/S:C/C:H/I:H/A:H",
    confidence=Confidence.HIGH,
    applies_to=(ElementKind.IAC,),
    fix=FixAvailability.DISPLAY_ONLY,
)

_POLICY_RESOURCES = {
    "aws_iam_policy",
    "aws_iam_role_policy",
    "aws_iam_user_policy",
    "aws_iam_group_policy",
}
_CFN_POLICY_RESOURCES = {
    f"cfn:AWS::IAM::{kind}" for kind in ("Policy", "ManagedPolicy", "Role", "User", "Group")
}
_READ_VERBS = ("List", "Describe")


def _wildcard(statement: Statement) -> tuple[str, Confidence, IacAttribute | None] | None:
    """What is wild about an Allow statement, how sure that matters and the attribute
    holding the wildcard, else None."""
    if "*" in statement.actions:
        return "allows every action (`*`)", Confidence.HIGH, statement.actions_from
    services = [a for a in statement.actions if a.endswith(":*")]
    if services:
        what = f"allows every action of `{'`, `'.join(services)}`"
        return what, Confidence.MEDIUM, statement.actions_from
    verbs = [a.partition(":")[2] for a in statement.actions]
    if "*" in statement.resources and not all(v.startswith(_READ_VERBS) for v in verbs):
        return "acts on every resource (`*`)", Confidence.LOW, statement.resources_from
    return None


def _statements(resource: IacResource) -> list[Statement]:
    if resource.type in _CFN_POLICY_RESOURCES:
        return cloudformation_statements(resource.attributes)
    if resource.type == "data.aws_iam_policy_document":
        return document_statements(blocks(resource, "statement"))
    policies: list[IacAttribute] = []
    if resource.type in _POLICY_RESOURCES:
        policies = [p for p in (own(resource, "policy"),) if p is not None]
    elif resource.type == "aws_iam_role":
        policies = [b["policy"] for b in blocks(resource, "inline_policy") if "policy" in b]
    return [s for p in policies for s in json_statements(p)]


def _match(resource: IacResource, statement: Statement, n: int) -> Match | None:
    found = _wildcard(statement)
    if found is None:
        return None
    what, confidence, source = found
    if source is None:
        return None
    others = (statement.actions_from, statement.resources_from)
    deciding = [source, *(a for a in others if a is not None and a != source)]
    if source.variables:
        confidence = confidence.lowered()
    return Match(
        element=resource.key,
        evidence=evidence_of(deciding),
        qualifier=str(n) if n else "",
        message=f"{label(resource)} {what}"
        + (" on every resource" if "*" in statement.resources and "resource" not in what else "")
        + "."
        + defaults_note([source]),
        attack_vector="Whoever obtains the credentials of a principal with this policy (leaked "
        "key, metadata SSRF, compromised dependency) uses every permission it grants.",
        impact="Far more than the principal needs: with `*`, control of the whole account, "
        "including creating new administrators and reading every data store.",
        confidence=min(confidence, SPEC.confidence, key=lambda c: c.rank),
        fix=Fix(summary="Grant only the actions and resource ARNs the principal needs."),
    )


def check(model: ThreatModel) -> Iterator[Match]:
    for resource in model.iac:
        for n, statement in enumerate(s for s in _statements(resource) if s.allow):
            match = _match(resource, statement, n)
            if match is not None:
                yield match
