"""ECS task whose container runs privileged.

What it flags:
    An ECS task definition (`aws_ecs_task_definition`, CloudFormation
    `AWS::ECS::TaskDefinition`) with a container definition holding `"privileged": true`
    (`Privileged: true`), in a literal, heredoc or `jsonencode` `container_definitions`,
    also through a variable default (then with lower confidence).

Why it matters:
    A privileged container has every Linux capability and the host's devices: code
    execution inside it (a vulnerable dependency, an injected command) is root on the
    EC2 container instance, with every other task's secrets and the instance role.

Evidence used:
    The task definition with values substituted by the linker; the first evidence is the
    `container_definitions` argument (the container is named in the message).

Does not fire when:
    No container sets `privileged` to true; the definitions are an expression that cannot
    be read (`file(...)`, a template); Fargate rejects privileged containers, but a
    Fargate-only task definition that asks for it is still reported (the intent is wrong).

Known false positives:
    Agents that need the host (some monitoring or CI runners) run privileged by design;
    accept them in the register.

Remediation:
    Remove `privileged`, and add only the capabilities the container needs
    (`linuxParameters.capabilities.add`).

References:
    CWE-250 Execution with Unnecessary Privileges; CAPEC-233 Privilege Escalation; Amazon
    ECS Developer Guide, "Task definition parameters: privileged"; AWS Security Hub ECS.4.
"""

from __future__ import annotations

from collections.abc import Iterator

from threatdelta.findings.threat import Confidence, Stride
from threatdelta.model.base import ElementKind
from threatdelta.model.elements import IacAttribute, IacResource
from threatdelta.model.iac_lookup import label
from threatdelta.model.iac_settings import json_document, own
from threatdelta.model.threat_model import ThreatModel
from threatdelta.rules.iac_match import Wording, iac_match
from threatdelta.rules.spec import FixAvailability, Match, RuleSpec

SPEC = RuleSpec(
    id="TD-E017",
    name="ecs-task-privileged",
    title="ECS container runs privileged",
    stride=(Stride.ELEVATION_OF_PRIVILEGE,),
    cwe=(250,),
    capec=(233,),
    cvss_vector="CVSS:3.1/AV:N/AC:H/PR:L/UI:N/S:C/C:H/I:H/A:H",
    confidence=Confidence.HIGH,
    applies_to=(ElementKind.IAC,),
    fix=FixAvailability.DISPLAY_ONLY,
)


def _terraform(task: IacResource) -> list[tuple[IacAttribute, str]]:
    definitions = own(task, "container_definitions")
    document = json_document(definitions.value) if definitions is not None else None
    if definitions is None or not isinstance(document, list):
        return []
    return [
        (definitions, str(c.get("name", "?")))
        for c in document
        if isinstance(c, dict) and c.get("privileged") in (True, "true")
    ]


def _cloudformation(task: IacResource) -> list[tuple[IacAttribute, str]]:
    """`ContainerDefinitions.<n>.Privileged` attributes (see the CloudFormation extractor)."""
    found: list[tuple[IacAttribute, str]] = []
    for attribute in task.attributes:
        parts = attribute.name.split(".")
        if (
            len(parts) == 3
            and parts[0] == "ContainerDefinitions"
            and parts[2] == "Privileged"
            and attribute.value.lower() == "true"
        ):
            name = own(task, f"ContainerDefinitions.{parts[1]}.Name")
            found.append((attribute, name.value if name else parts[1]))
    return found


def check(model: ThreatModel) -> Iterator[Match]:
    for task in model.iac:
        if task.type == "aws_ecs_task_definition":
            privileged = _terraform(task)
        elif task.type == "cfn:AWS::ECS::TaskDefinition":
            privileged = _cloudformation(task)
        else:
            continue
        for attribute, container in privileged:
            yield iac_match(
                SPEC,
                task,
                [attribute],
                Wording(
                    message=f"{label(task)} runs container `{container}` privileged: it has "
                    "every capability and the host's devices.",
                    attack_vector="Code execution in the container (a vulnerable dependency, "
                    "an injected command) escapes to the container instance as root.",
                    impact="Control of the host, every task on it and the instance's IAM role.",
                    fix="Remove `privileged` and add only the capabilities the container needs.",
                ),
                qualifier=container,
            )
