"""Link Terraform across the files of one module (a folder): substitute each `${var.<name>}`
with the default of the variable that folder declares, then fold every resource that
configures another one (an `aws_s3_bucket_acl` its `aws_s3_bucket`) into it.

A variable is often declared in `variables.tf` and used in `main.tf`, and a bucket's ACL,
policy and public-access block are separate resources, while a fragment covers one file
only (it is cached by blob). Here the configured resource gets its effective settings, so a
changed default or a changed companion resource changes the resource it reaches. Nothing
is evaluated: a value is substituted only when it is a whole `${var.x}` reference, or a
`${var.x}` piece of a string template whose default is a scalar; `tfvars` files, `-var`
options, locals and module inputs are not read.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from threatdelta.model.base import Evidence, EvidenceRole, Level, Notification
from threatdelta.model.elements import IacAttribute, IacResource
from threatdelta.model.fragment import IacVariable, ModelFragment

_VAR = re.compile(r"(?<!\$)\$\{var\.([A-Za-z_][A-Za-z0-9_-]*)\}")

Defaults = dict[tuple[str, str], IacVariable]  # (module folder, name) -> its declaration


def module_folder(path: str) -> str:
    """The Terraform module a file belongs to: its folder (`""` at the repository top)."""
    return path.rpartition("/")[0]


def _defaults(fragments: Sequence[ModelFragment]) -> Defaults:
    found: Defaults = {}
    for fragment in fragments:
        for variable in fragment.iac_variables:
            found.setdefault((variable.module, variable.name), variable)
    return found


def _config(variable: IacVariable) -> Evidence:
    return Evidence(location=variable.location, role=EvidenceRole.CONFIG)


def resolve_attribute(attribute: IacAttribute, folder: str, defaults: Defaults) -> IacAttribute:
    """The attribute with the defaults of the variables it references substituted."""
    if "${var." not in attribute.value:
        return attribute
    whole = _VAR.fullmatch(attribute.value) is not None
    used: list[IacVariable] = []

    def _substitute(match: re.Match[str]) -> str:
        variable = defaults.get((folder, match.group(1)))
        if variable is None or variable.default is None or (variable.structured and not whole):
            return match.group(0)
        used.append(variable)
        return variable.default

    value = _VAR.sub(_substitute, attribute.value)
    if not used:
        return attribute
    return attribute.model_copy(
        update={
            "value": value,
            "variables": tuple(dict.fromkeys((*attribute.variables, *(v.name for v in used)))),
            "evidence": tuple(dict.fromkeys((*attribute.evidence, *map(_config, used)))),
        }
    )


def _resolve(resource: IacResource, folder: str, defaults: Defaults) -> IacResource:
    attributes = tuple(resolve_attribute(a, folder, defaults) for a in resource.attributes)
    if attributes == resource.attributes:
        return resource
    used = (ev for a in attributes for ev in a.evidence if ev.role is EvidenceRole.CONFIG)
    return resource.model_copy(
        update={
            "attributes": attributes,
            "evidence": tuple(dict.fromkeys((*resource.evidence, *used))),
        }
    )


def _fold(target: IacResource, attached: IacResource) -> IacResource:
    """`target` with the settings of a resource that configures it, marked with its key."""
    attributes = tuple(a.model_copy(update={"resource": attached.key}) for a in attached.attributes)
    blocks = tuple(
        Evidence(location=ev.location, role=EvidenceRole.CONFIG) for ev in attached.evidence
    )
    return target.model_copy(
        update={
            "attributes": (*target.attributes, *attributes),
            "evidence": tuple(dict.fromkeys((*target.evidence, *blocks))),
        }
    )


def _duplicate_note(key: str, folders: list[str]) -> Notification:
    where = ", ".join(f"'{f or '.'}'" for f in folders)
    return Notification(
        level=Level.NOTE,
        code="duplicate-iac-address",
        message=f"{key.removeprefix('iac:')} is declared in several Terraform folders ({where}); "
        "they share one element key, so threats and changes of one may stand for the others",
    )


def link_iac(
    fragments: Sequence[ModelFragment],
) -> tuple[tuple[IacResource, ...], tuple[Notification, ...]]:
    """The IaC resources of all fragments (given sorted by path), variables resolved and
    attached resources folded into the resource they configure in the same folder."""
    defaults = _defaults(fragments)
    placed = [
        (module_folder(f.path), _resolve(r, module_folder(f.path), defaults))
        for f in fragments
        for r in f.iac
    ]
    index: dict[tuple[str, str], int] = {}
    folders: dict[str, list[str]] = {}
    for i, (folder, resource) in enumerate(placed):
        index.setdefault((folder, resource.key), i)
        folders.setdefault(resource.key, [])
        if folder not in folders[resource.key]:
            folders[resource.key].append(folder)
    resources = [resource for _, resource in placed]
    for folder, resource in placed:
        target = index.get((folder, resource.attached_to)) if resource.attached_to else None
        if target is not None:
            resources[target] = _fold(resources[target], resource)
    notes = [_duplicate_note(k, f) for k, f in folders.items() if len(f) > 1]
    return tuple(dict.fromkeys(resources)), tuple(notes)
