"""Reading one setting of an IaC resource whatever the language spells it in: a rule lists
the attribute name per resource type (`aws_db_instance` -> `backup_retention_period`,
`cfn:AWS::RDS::DBInstance` -> `BackupRetentionPeriod`) and reads the resource's own value.

CloudFormation resources (`cfn:AWS::...`, see `extractors/iac/cloudformation.py`) carry
their `Properties` dotted like Terraform's nested blocks, so the same helpers serve both.
"""

from __future__ import annotations

from collections.abc import Mapping

from threatdelta.model.elements import IacAttribute, IacResource
from threatdelta.model.iac_settings import own

CFN_PREFIX = "cfn:"


def spelled(resource: IacResource, names: Mapping[str, str]) -> IacAttribute | None:
    """The resource's own attribute named for its type in `names`, if written."""
    name = names.get(resource.type)
    return own(resource, name) if name is not None else None


def label(resource: IacResource) -> str:
    """How a message names the resource: `aws_kms_key.main`, or `Key` (AWS::KMS::Key)."""
    if resource.type.startswith(CFN_PREFIX):
        logical = resource.name.rpartition(":")[2]
        return f"`{logical}` ({resource.type.removeprefix(CFN_PREFIX)})"
    return f"`{resource.type}.{resource.name}`"


def is_true(attribute: IacAttribute | None) -> bool:
    return attribute is not None and attribute.value.lower() == "true"


def is_false(attribute: IacAttribute | None) -> bool:
    return attribute is not None and attribute.value.lower() == "false"


def as_int(attribute: IacAttribute | None) -> int | None:
    """The value as a whole number, None when absent or not a literal number."""
    if attribute is None:
        return None
    try:
        return int(attribute.value)
    except ValueError:
        return None
