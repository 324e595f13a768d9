"""Terraform `module` calls -> the inputs they give a module folder of the repository.

`module "reports" { source = "./modules/bucket"  acl = "public-read" }` in `infra/` gives
`IacVariable(kind=input, module="infra/modules/bucket", name="acl", caller="infra",
call="reports")`: the linker makes `var.acl` of that folder `public-read` for the call.
Only local paths (`./`, `../`) inside the repository are followed; a registry, git, HTTP
or bucket source, or a path that leaves the repository, gives a `module-not-followed` note.
"""

from __future__ import annotations

import posixpath
from typing import TYPE_CHECKING

from threatdelta.model.base import Level, Location, Notification
from threatdelta.model.fragment import IacValueKind, IacVariable
from threatdelta.model.link_iac import module_folder

if TYPE_CHECKING:
    from threatdelta.extractors.iac.terraform_hcl import HclBlock

# meta-arguments of a module call, not inputs of the module
_META = frozenset({"source", "version", "providers", "count", "for_each", "depends_on"})


def called_folder(source: str, caller: str) -> str | None:
    """The repository folder a local `source` names, None when it is not followed."""
    local = source in {".", ".."} or source.startswith(("./", "../"))
    if not local or "${" in source:
        return None
    joined = posixpath.normpath(posixpath.join(caller, source)) if caller else source
    joined = posixpath.normpath(joined)
    if joined == ".":
        return ""
    return None if joined.startswith("../") or joined == ".." else joined


def _not_followed(block: HclBlock, source: str, path: str) -> Notification:
    return Notification(
        level=Level.NOTE,
        code="module-not-followed",
        path=path,
        message=f"module `{block.labels[0]}` (line {block.start}) has source `{source}`, "
        "not a folder of this repository; its resources are not modelled",
    )


def module_inputs(
    blocks: tuple[HclBlock, ...], path: str
) -> tuple[tuple[IacVariable, ...], tuple[Notification, ...]]:
    """The inputs of each followed `module` call of the file, and a note per call not
    followed."""
    caller = module_folder(path)
    found: list[IacVariable] = []
    notes: list[Notification] = []
    for block in blocks:
        if block.type != "module" or len(block.labels) != 1:
            continue
        source = next((a.value for a in block.arguments if a.name == "source"), "")
        target = called_folder(source, caller)
        if target is None:
            notes.append(_not_followed(block, source, path))
            continue
        found += [
            IacVariable(
                module=target,
                name=argument.name,
                default=argument.value,
                structured=argument.structured,
                location=Location(path=path, start_line=argument.start, end_line=argument.end),
                kind=IacValueKind.INPUT,
                caller=caller,
                call=block.labels[0],
            )
            for argument in block.arguments
            if argument.name not in _META
        ]
    return tuple(found), tuple(notes)
