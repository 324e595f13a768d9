"""Terraform `variable` blocks -> `IacVariable`s of the file's module (its folder).

A variable's default is what `var.<name>` stands for when nothing overrides it; the linker
(`model.link_iac`) substitutes it into the resources of the same folder, in any file."""

from __future__ import annotations

from typing import TYPE_CHECKING

from threatdelta.model.base import Location
from threatdelta.model.fragment import IacVariable
from threatdelta.model.link_iac import module_folder

if TYPE_CHECKING:
    from threatdelta.extractors.iac.terraform_hcl import HclBlock


def variables(blocks: tuple[HclBlock, ...], path: str) -> tuple[IacVariable, ...]:
    """Each `variable "<name>" { default = ... }` of the file; no default gives None."""
    found: list[IacVariable] = []
    for block in blocks:
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
