"""Lambda function URL that anyone can call.

What it flags:
    A Terraform `aws_lambda_function_url` with `authorization_type = "NONE"` (CloudFormation
    `AWS::Lambda::Url` with `AuthType: NONE`), also when the value is the default of a
    variable of the same folder or of a template parameter (then with lower confidence).

Why it matters:
    A function URL is a public HTTPS endpoint on the internet. With `NONE`, AWS does not
    check who calls it: unless the function's own code authenticates every request, anyone
    who finds the URL invokes the function, with its IAM role, as often as they like (and
    the account pays for each invocation).

Evidence used:
    The function URL resource with variable defaults substituted by the linker; the first
    evidence is the `authorization_type` argument, then the variable default when used.

Does not fire when:
    `authorization_type` is `AWS_IAM` or an expression that is not a variable default of
    the folder.

Known false positives:
    The function may authenticate callers itself (a verified webhook signature, a token it
    checks), which is not read from its code: the rule's confidence is medium. A default can
    be overridden by a tfvars file.

Remediation:
    Use `authorization_type = "AWS_IAM"` and sign requests (SigV4, or CloudFront with an
    origin access control), or put the function behind API Gateway with an authorizer; if it
    must stay public, verify a signature or token in the handler and set reserved
    concurrency.

References:
    CWE-306 Missing Authentication for Critical Function; CAPEC-115 Authentication Bypass;
    OWASP API2:2023 Broken Authentication; AWS Lambda Developer Guide, "Security and auth
    model for Lambda function URLs".
"""

from __future__ import annotations

from collections.abc import Iterator

from threatdelta.findings.threat import Confidence, Fix, Stride
from threatdelta.model.base import ElementKind
from threatdelta.model.iac_lookup import label, spelled
from threatdelta.model.iac_settings import defaults_note, evidence_of
from threatdelta.model.threat_model import ThreatModel
from threatdelta.rules.spec import FixAvailability, Match, RuleSpec

SPEC = RuleSpec(
    id="TD-S010",
    name="function-url-without-auth",
    title="Function URL callable without authentication",
    stride=(Stride.SPOOFING,),
    cwe=(306,),
    capec=(115,),
    owasp=("API2:2023",),
    cvss_vector="CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:L/I:L/A:L",
    confidence=Confidence.MEDIUM,
    applies_to=(ElementKind.IAC,),
    fix=FixAvailability.UNSAFE,
)

_AUTH = {"aws_lambda_function_url": "authorization_type", "cfn:AWS::Lambda::Url": "AuthType"}


def check(model: ThreatModel) -> Iterator[Match]:
    for resource in model.iac:
        auth = spelled(resource, _AUTH)
        if auth is None or auth.value != "NONE":
            continue
        yield Match(
            element=resource.key,
            evidence=evidence_of([auth]),
            message=f'{label(resource)} has `{auth.name} = "NONE"`: '
            "AWS lets anyone on the internet invoke the function." + defaults_note([auth]),
            attack_vector="Anyone who finds the URL calls the function directly, as anyone, "
            "as often as they like.",
            impact="Whatever the function does with its IAM role, done for an unauthenticated "
            "caller; invocation costs run up by floods.",
            confidence=SPEC.confidence.lowered() if auth.variables else SPEC.confidence,
            fix=Fix(summary='Set `authorization_type = "AWS_IAM"` and sign the requests.'),
        )
