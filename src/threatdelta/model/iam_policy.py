"""The statements of an IAM policy as written in Terraform: a JSON policy (literal, heredoc
or `jsonencode`, already rendered as compact JSON by the extractor) or the `statement`
blocks of an `aws_iam_policy_document` data source. Each statement keeps the attributes
that decide it, for evidence and for telling whether a variable default made it so."""

from __future__ import annotations

import re

from threatdelta.model.base import Frozen
from threatdelta.model.elements import IacAttribute
from threatdelta.model.iac_settings import items, json_document


class Statement(Frozen):
    allow: bool
    actions: tuple[str, ...]
    resources: tuple[str, ...]
    actions_from: IacAttribute | None = None  # the attribute holding the actions
    resources_from: IacAttribute | None = None  # the attribute holding the resources


def _strings(value: object) -> tuple[str, ...]:
    if isinstance(value, str):
        return (value,)
    if isinstance(value, list):
        return tuple(v for v in value if isinstance(v, str))
    return ()


def json_statements(policy: IacAttribute) -> list[Statement]:
    """The statements of a JSON policy document; none when it is not a visible literal."""
    document = json_document(policy.value)
    raw = document.get("Statement", []) if isinstance(document, dict) else []
    listed = raw if isinstance(raw, list) else [raw]
    return [
        Statement(
            allow=s.get("Effect") == "Allow",
            actions=_strings(s.get("Action")),
            resources=_strings(s.get("Resource")),
            actions_from=policy,
            resources_from=policy,
        )
        for s in listed
        if isinstance(s, dict)
    ]


def document_statements(statements: list[dict[str, IacAttribute]]) -> list[Statement]:
    """The `statement` blocks of a policy document data source (`effect` defaults to Allow)."""
    found: list[Statement] = []
    for block in statements:
        effect = block.get("effect")
        actions, resources = block.get("actions"), block.get("resources")
        found.append(
            Statement(
                allow=effect is None or effect.value == "Allow",
                actions=tuple(str(v) for v in items(actions.value)) if actions else (),
                resources=tuple(str(v) for v in items(resources.value)) if resources else (),
                actions_from=actions,
                resources_from=resources,
            )
        )
    return found


_CFN_STATEMENT = re.compile(
    r"^((?:Policies\.\d+\.)?PolicyDocument\.Statement(?:\.\d+)?)\.(Effect|Action|Resource)$"
)


def cloudformation_statements(attributes: tuple[IacAttribute, ...]) -> list[Statement]:
    """The statements of the policy documents of a CloudFormation IAM resource (its own
    `PolicyDocument`, or each of its inline `Policies`), from the dotted attributes the
    CloudFormation extractor gives (`PolicyDocument.Statement.0.Action`)."""
    grouped: dict[str, dict[str, IacAttribute]] = {}
    for attribute in attributes:
        match = _CFN_STATEMENT.match(attribute.name)
        if match is not None:
            grouped.setdefault(match.group(1), {})[match.group(2)] = attribute
    found: list[Statement] = []
    for parts in grouped.values():
        effect, actions, resources = parts.get("Effect"), parts.get("Action"), parts.get("Resource")
        found.append(
            Statement(
                allow=effect is not None and effect.value == "Allow",
                actions=tuple(str(v) for v in items(actions.value)) if actions else (),
                resources=tuple(str(v) for v in items(resources.value)) if resources else (),
                actions_from=actions,
                resources_from=resources,
            )
        )
    return found
