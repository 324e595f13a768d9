"""Terraform `variable` blocks, `locals` blocks and tfvars files -> `IacVariable`s of the
file's module (its folder).

A variable's default is what `var.<name>` stands for when nothing overrides it; a value in
the folder's `terraform.tfvars` or `*.auto.tfvars` overrides it; a `locals` entry is what
`local.<name>` stands for. The linker (`model.link_iac`) substitutes them into the
resources of the same folder, in any file."""

from __future__ import annotations

from typing import TYPE_CHECKING

from threatdelta.model.base import Location
from threatdelta.model.fragment import IacValueKind, IacVariable
from threatdelta.model.link_iac import module_folder

if TYPE_CHECKING:
    from threatdelta.extractors.iac.terraform_hcl import HclArgument, HclBlock


def variables(blocks: tuple[HclBlock, ...], path: str) -> tuple[IacVariable, ...]:
    """Each `variable "<name>" { default = ... }` of the file (no default gives None), then
    each entry of its `locals` blocks."""
    found: list[IacVariable] = []
    for block in blocks:
        if block.type == "locals":
            found += values(block.arguments, path, IacValueKind.LOCAL)
        if block.type != "variable" or len(block.labels) != 1:
            continue
        default = next((a for a in block.arguments if a.name == "default"), None)
        start, end = (default.start, default.end) if default else (block.start, block.end)
        found.append(
            IacVariable(
                module=module_folder(path),
                name=block.labels[0],
                default=default.value if default else None,
                structured=default.structured if default else False,
                location=Location(path=path, start_line=start, end_line=end),
            )
        )
    return tuple(found)


def values(arguments: tuple[HclArgument, ...], path: str, kind: IacValueKind) -> list[IacVariable]:
    """Arguments (a tfvars file's, a `locals` block's) as values of the file's folder."""
    return [
        IacVariable(
            module=module_folder(path),
            name=argument.name,
            default=argument.value,
            structured=argument.structured,
            location=Location(path=path, start_line=argument.start, end_line=argument.end),
            kind=kind,
        )
        for argument in arguments
    ]
