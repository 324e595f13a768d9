"""Link Terraform across the files of one module (a folder): substitute each `${var.<name>}`
and `${local.<name>}` with the value it stands for there (`model.iac_values`: a module
call's input, a tfvars value, a default; locals), then fold every resource that configures
another one (an `aws_s3_bucket_acl` its `aws_s3_bucket`) into it.

A variable is often declared in `variables.tf`, set in `terraform.tfvars` and used in
`main.tf`, and a bucket's ACL, policy and public-access block are separate resources, while
a fragment covers one file only (it is cached by blob). Here the configured resource gets
its effective settings, so a changed value or companion resource changes the resource it
reaches. A folder called as a module by calls in the repository gets one instance of its
resources per call that gives inputs, resolved with that call's inputs; with one such call
the resources keep their names, with several each is named `<name>[module.<call>]`. A
module that calls another module passes on what its own single call gave it (up to
`_NESTING` levels); a module called several times passes on its folder's own values.
"""

from __future__ import annotations

from collections.abc import Sequence

from threatdelta.model.base import Evidence, EvidenceRole, Level, Notification
from threatdelta.model.elements import IacAttribute, IacResource
from threatdelta.model.fragment import IacValueKind, IacVariable, ModelFragment
from threatdelta.model.iac_values import Scope, call_scope, folder_scope, substitute


def module_folder(path: str) -> str:
    """The Terraform module a file belongs to: its folder (`""` at the repository top)."""
    return path.rpartition("/")[0]


def resolve_attribute(attribute: IacAttribute, scope: Scope) -> IacAttribute:
    """The attribute with the values of the references it makes substituted."""
    value, used = substitute(attribute.value, scope)
    if not used:
        return attribute
    defaults = (d for v in used for d in v.defaults)
    return attribute.model_copy(
        update={
            "value": value,
            "variables": tuple(dict.fromkeys((*attribute.variables, *defaults))),
            "evidence": tuple(
                dict.fromkeys((*attribute.evidence, *(e for v in used for e in v.evidence)))
            ),
        }
    )


def _resolve(resource: IacResource, scope: Scope, call: str) -> IacResource:
    attributes = tuple(resolve_attribute(a, scope) for a in resource.attributes)
    update: dict[str, object] = {}
    if call:
        update["name"] = f"{resource.name}[module.{call}]"
        if resource.attached_to:
            update["attached_to"] = f"{resource.attached_to}[module.{call}]"
    if attributes != resource.attributes:
        used = (ev for a in attributes for ev in a.evidence if ev.role is EvidenceRole.CONFIG)
        update["attributes"] = attributes
        update["evidence"] = tuple(dict.fromkeys((*resource.evidence, *used)))
    return resource.model_copy(update=update) if update else resource


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


Instance = tuple[str, str]  # (folder, module call name or "")
_NESTING = 4  # module calls followed through this many levels of modules


def _scopes(fragments: Sequence[ModelFragment]) -> dict[Instance, Scope]:
    """The scope of each folder, and of each module call (with inputs) of a folder."""
    declared: dict[str, list[IacVariable]] = {}
    inputs: dict[tuple[str, str, str], list[IacVariable]] = {}
    for variable in (v for f in fragments for v in f.iac_variables):
        if variable.kind is IacValueKind.INPUT:
            inputs.setdefault((variable.module, variable.caller, variable.call), []).append(
                variable
            )
        else:
            declared.setdefault(variable.module, []).append(variable)
    folders = {module_folder(f.path) for f in fragments} | {k[0] for k in inputs}
    own = {folder: folder_scope(declared.get(folder, [])) for folder in folders}
    scopes: dict[Instance, Scope] = {(folder, ""): scope for folder, scope in own.items()}
    for _ in range(_NESTING):  # a module calling a module: its caller's call comes first
        for (folder, caller, call), given in inputs.items():
            local_values = [v for v in declared.get(folder, []) if v.kind is IacValueKind.LOCAL]
            calling = _calling_scope(scopes, caller)
            scopes[(folder, call)] = call_scope(own[folder], given, calling, local_values)
    return scopes


def _calling_scope(scopes: dict[Instance, Scope], caller: str) -> Scope:
    """The scope a call made in `caller` resolves its inputs in: the caller's own call scope
    when the caller is itself called once as a module, else its folder scope."""
    calls = [key for key in scopes if key[0] == caller and key[1]]
    if len(calls) == 1:
        return scopes[calls[0]]
    return scopes.get((caller, ""), {})


def _instances(scopes: dict[Instance, Scope], folder: str) -> list[tuple[str, Scope]]:
    """(name suffix, scope) of each instance of the folder's resources."""
    calls = sorted(call for f, call in scopes if f == folder and call)
    if not calls:
        return [("", scopes[(folder, "")])]
    if len(calls) == 1:
        return [("", scopes[(folder, calls[0])])]
    return [(call, scopes[(folder, call)]) for call in calls]


def link_iac(
    fragments: Sequence[ModelFragment],
) -> tuple[tuple[IacResource, ...], tuple[Notification, ...]]:
    """The IaC resources of all fragments (given sorted by path), values resolved and
    attached resources folded into the resource they configure in the same instance."""
    scopes = _scopes(fragments)
    placed: list[tuple[Instance, IacResource]] = []
    for fragment in fragments:
        folder = module_folder(fragment.path)
        for call, scope in _instances(scopes, folder) if fragment.iac else []:
            placed += [((folder, call), _resolve(r, scope, call)) for r in fragment.iac]
    index: dict[tuple[Instance, str], int] = {}
    folders: dict[str, list[str]] = {}
    for i, (instance, resource) in enumerate(placed):
        index.setdefault((instance, resource.key), i)
        folders.setdefault(resource.key, [])
        if instance[0] not in folders[resource.key]:
            folders[resource.key].append(instance[0])
    resources = [resource for _, resource in placed]
    for instance, resource in placed:
        target = index.get((instance, resource.attached_to)) if resource.attached_to else None
        if target is not None:
            resources[target] = _fold(resources[target], resource)
    notes = [_duplicate_note(k, f) for k, f in folders.items() if len(f) > 1]
    return tuple(dict.fromkeys(resources)), tuple(notes)
