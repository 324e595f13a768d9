"""Internet entry point with access logging switched off.

What it flags:
    A Kubernetes Ingress that serves internet traffic with its access log disabled: the
    NGINX controller's `nginx.ingress.kubernetes.io/enable-access-log: "false"`, or an
    AWS Load Balancer Controller Ingress (`ingressClassName: alb` or the
    `kubernetes.io/ingress.class: alb` annotation) whose
    `alb.ingress.kubernetes.io/load-balancer-attributes` do not set
    `access_logs.s3.enabled=true` (ALB access logs are off by default). Also a Service
    with `service.beta.kubernetes.io/aws-load-balancer-access-log-enabled: "false"`.

Why it matters:
    The edge log is the one record of every request from the internet: who called what,
    from where, when, with which status. Without it, abuse (credential stuffing, data
    scraping, an exploited endpoint) cannot be traced or scoped, and a user can deny what
    their client did.

Evidence used:
    The Ingress's annotations and class from the Kubernetes extractor, and the flows of
    `model/link_flows.py` that make it an internet entry point.

Does not fire when:
    The annotation is absent for NGINX (its access log is on by default) or set to
    `"true"`; the ALB attributes enable access logs; the object is not reached from the
    internet in the model.

Known false positives:
    Logs collected elsewhere (a CDN or WAF in front, the controller's global
    configuration) are not seen.

Remediation:
    Remove the annotation (or set it to `"true"`); for ALB add
    `access_logs.s3.enabled=true,access_logs.s3.bucket=<bucket>` to the
    load-balancer attributes. Keep the logs where application owners cannot delete them.

References:
    CWE-778 Insufficient Logging; CAPEC-268 Audit Log Manipulation; OWASP API8:2023
    Security Misconfiguration.
"""

from __future__ import annotations

from collections.abc import Iterator

from threatdelta.findings.threat import Confidence, Fix, Stride
from threatdelta.model.base import ElementKind, Evidence
from threatdelta.model.elements import IacResource
from threatdelta.model.flow_view import INTERNET
from threatdelta.model.kubernetes_pods import is_kubernetes, setting
from threatdelta.model.threat_model import ThreatModel
from threatdelta.rules.spec import FixAvailability, Match, RuleSpec

SPEC = RuleSpec(
    id="TD-R007",
    name="entry-point-access-logging-disabled",
    title="Internet entry point with access logging switched off",
    stride=(Stride.REPUDIATION,),
    cwe=(778,),
    capec=(268,),
    owasp=("API8:2023",),
    cvss_vector="CVSS:3.1/AV:N/AC:H/PR:N/UI:N/S:U/C:N/I:L/A:N",
    confidence=Confidence.HIGH,
    applies_to=(ElementKind.IAC,),
    fix=FixAvailability.DISPLAY_ONLY,
)

_ANNOTATION = "metadata.annotations."
_NGINX_LOG = _ANNOTATION + "nginx.ingress.kubernetes.io/enable-access-log"
_ELB_LOG = _ANNOTATION + "service.beta.kubernetes.io/aws-load-balancer-access-log-enabled"
_ALB_ATTRIBUTES = _ANNOTATION + "alb.ingress.kubernetes.io/load-balancer-attributes"
_ALB_CLASS = _ANNOTATION + "kubernetes.io/ingress.class"


def _is_alb(ingress: IacResource) -> bool:
    named = setting(ingress, "spec.ingressClassName") or setting(ingress, _ALB_CLASS)
    return named is not None and named.value == "alb"


def _logging_off(resource: IacResource) -> tuple[Evidence, ...] | None:
    """Evidence that the resource's access log is off, else None."""
    for name in (_NGINX_LOG, _ELB_LOG):
        switch = setting(resource, name)
        if switch is not None and switch.value.lower() == "false":
            return switch.evidence
    if is_kubernetes(resource, "Ingress") and _is_alb(resource):
        attributes = setting(resource, _ALB_ATTRIBUTES)
        if attributes is None or "access_logs.s3.enabled=true" not in attributes.value:
            return attributes.evidence if attributes else resource.evidence[:1]
    return None


def check(model: ThreatModel) -> Iterator[Match]:
    entries = {f.target for f in model.flows if f.source == INTERNET}
    for resource in model.iac:
        if resource.key not in entries or not is_kubernetes(resource, "Ingress", "Service"):
            continue
        evidence = _logging_off(resource)
        if not evidence:
            continue
        yield Match(
            element=resource.key,
            evidence=evidence,
            message=f"{resource.type.removeprefix('k8s:')} `{resource.name}` takes internet "
            "traffic with its access log switched off.",
            attack_vector="An attacker probes, scrapes or abuses the API through this entry "
            "point; no request record exists to trace or attribute it.",
            impact="Abuse that cannot be investigated, scoped or attributed.",
            fix=Fix(
                summary="Enable the entry point's access log and keep it out of the "
                "application owners' reach."
            ),
        )
