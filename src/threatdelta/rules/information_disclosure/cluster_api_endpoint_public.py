"""Kubernetes control-plane endpoint open to the whole internet.

What it flags:
    An EKS cluster (`aws_eks_cluster`, CloudFormation `AWS::EKS::Cluster`) whose API
    endpoint is public (`vpc_config.endpoint_public_access` / `EndpointPublicAccess` true
    or not written: public is the default) and reachable from everywhere
    (`public_access_cidrs` / `PublicAccessCidrs` holding `0.0.0.0/0`, or not written: the
    default is `0.0.0.0/0`). A GKE cluster (`google_container_cluster`) with no
    `master_authorized_networks_config` and no private endpoint is flagged the same way.

Why it matters:
    The Kubernetes API is the keys to the cluster. Open to the internet it is one leaked
    kubeconfig, token or API-server vulnerability away from full control, and scanners
    enumerate exposed API servers continuously.

Evidence used:
    The cluster resource with values substituted by the linker; the first evidence is the
    argument that opens it (the CIDR list, else the public-access flag, else the block).

Does not fire when:
    The endpoint is private only (`endpoint_public_access = false`,
    `private_cluster_config.enable_private_endpoint = true`), or the public endpoint is
    restricted to listed ranges without `0.0.0.0/0` (`master_authorized_networks_config`).

Known false positives:
    Teams without a VPN sometimes accept a public endpoint guarded by IAM/OIDC
    authentication alone; accept it in the register with that justification.

Remediation:
    Turn on the private endpoint and turn the public one off, or restrict
    `public_access_cidrs` (`master_authorized_networks_config`) to office or VPN ranges.

References:
    CWE-668 Exposure of Resource to Wrong Sphere; CAPEC-1 Accessing Functionality Not
    Properly Constrained by ACLs; EKS Best Practices Guide, "Make the EKS Cluster Endpoint
    private"; CIS Amazon EKS Benchmark 5.4.
"""

from __future__ import annotations

from collections.abc import Iterator

from threatdelta.findings.threat import Confidence, Stride
from threatdelta.model.base import ElementKind
from threatdelta.model.elements import IacAttribute, IacResource
from threatdelta.model.iac_lookup import is_false, is_true, label, spelled
from threatdelta.model.iac_settings import items, own
from threatdelta.model.threat_model import ThreatModel
from threatdelta.rules.iac_match import Wording, iac_match
from threatdelta.rules.spec import FixAvailability, Match, RuleSpec

SPEC = RuleSpec(
    id="TD-I024",
    name="cluster-api-endpoint-public",
    title="Kubernetes API endpoint open to the internet",
    stride=(Stride.INFORMATION_DISCLOSURE, Stride.ELEVATION_OF_PRIVILEGE),
    cwe=(668,),
    capec=(1,),
    cvss_vector="CVSS:3.1/AV:N/AC:H/PR:N/UI:N/S:U/C:H/I:H/A:H",
    confidence=Confidence.MEDIUM,
    applies_to=(ElementKind.IAC,),
    fix=FixAvailability.DISPLAY_ONLY,
)

_PUBLIC = {
    "aws_eks_cluster": "vpc_config.endpoint_public_access",
    "cfn:AWS::EKS::Cluster": "ResourcesVpcConfig.EndpointPublicAccess",
}
_CIDRS = {
    "aws_eks_cluster": "vpc_config.public_access_cidrs",
    "cfn:AWS::EKS::Cluster": "ResourcesVpcConfig.PublicAccessCidrs",
}
_WORLD = {"0.0.0.0/0", "::/0"}


def _eks(resource: IacResource) -> list[IacAttribute] | None:
    """The attributes that open the endpoint to everyone, None when it is not open."""
    public, cidrs = spelled(resource, _PUBLIC), spelled(resource, _CIDRS)
    if is_false(public) or (public is not None and not is_true(public)):
        return None
    if cidrs is not None and not _WORLD & {str(v) for v in items(cidrs.value)}:
        return None
    return [a for a in (cidrs, public) if a is not None]


def _gke(resource: IacResource) -> list[IacAttribute] | None:
    private = own(resource, "private_cluster_config.enable_private_endpoint")
    authorized = any(
        a.name.startswith("master_authorized_networks_config") for a in resource.attributes
    )
    if is_true(private) or authorized:
        return None
    return []


def check(model: ThreatModel) -> Iterator[Match]:
    for resource in model.iac:
        if resource.type in _PUBLIC:
            deciding = _eks(resource)
        elif resource.type == "google_container_cluster":
            deciding = _gke(resource)
        else:
            continue
        if deciding is None:
            continue
        yield iac_match(
            SPEC,
            resource,
            deciding,
            Wording(
                message=f"{label(resource)} serves its Kubernetes API on a public endpoint "
                "open to every address"
                + ("" if deciding else " (the provider's default when nothing restricts it)")
                + ".",
                attack_vector="Anyone on the internet reaches the API server: a leaked "
                "kubeconfig or token, or an API-server vulnerability, is enough.",
                impact="Full control of the cluster's workloads and secrets.",
                fix="Make the endpoint private, or restrict the public endpoint to VPN ranges.",
            ),
        )
