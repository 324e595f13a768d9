"""The values `var.<name>` and `local.<name>` stand for in one Terraform folder, and for
one call of it as a module: a module call's input, else the folder's tfvars value
(`terraform.tfvars`, then `*.auto.tfvars` in name order, the last one winning), else the
variable's default; locals are resolved against those values and each other.

Nothing is evaluated: a reference is replaced only when it is a whole `${var.x}` /
`${local.x}` value, or a piece of a string template whose value is a scalar.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from threatdelta.model.base import Evidence, EvidenceRole, Frozen
from threatdelta.model.fragment import IacValueKind, IacVariable

_REFERENCE = re.compile(r"(?<!\$)\$\{(var|local)\.([A-Za-z_][A-Za-z0-9_-]*)\}")
_LOCAL_PASSES = 4  # locals that use locals, a few levels deep
_FIRST_TFVARS = ("/terraform.tfvars", "/terraform.tfvars.json")  # before *.auto.tfvars


class Value(Frozen):
    """What a reference stands for: its text, whether it is a list or map, the places that
    set it (config evidence) and the variables whose defaults it came from."""

    text: str
    structured: bool = False
    evidence: tuple[Evidence, ...] = ()
    defaults: tuple[str, ...] = ()


Scope = dict[str, Value]  # `var.acl` / `local.name` -> its value


def _config(variable: IacVariable) -> Evidence:
    return Evidence(location=variable.location, role=EvidenceRole.CONFIG)


def substitute(text: str, scope: Scope) -> tuple[str, list[Value]]:
    """`text` with the references `scope` knows replaced, and the values used."""
    if "${" not in text:
        return text, []
    whole = _REFERENCE.fullmatch(text) is not None
    used: list[Value] = []

    def _replace(match: re.Match[str]) -> str:
        value = scope.get(f"{match.group(1)}.{match.group(2)}")
        if value is None or (value.structured and not whole):
            return match.group(0)
        used.append(value)
        return value.text

    return _REFERENCE.sub(_replace, text), used


def _merged(variable: IacVariable, text: str, used: list[Value]) -> Value:
    own = variable.name if variable.kind is IacValueKind.DEFAULT else None
    return Value(
        text=text,
        structured=variable.structured,
        evidence=tuple(dict.fromkeys((_config(variable), *(e for v in used for e in v.evidence)))),
        defaults=tuple(
            dict.fromkeys([*([own] if own else []), *(d for v in used for d in v.defaults)])
        ),
    )


def _tfvars_order(variable: IacVariable) -> tuple[bool, str]:
    return not f"/{variable.location.path}".endswith(_FIRST_TFVARS), variable.location.path


def folder_scope(declared: Iterable[IacVariable]) -> Scope:
    """The values of one folder's defaults, tfvars and locals (no module inputs)."""
    listed = list(declared)
    scope: Scope = {}
    for variable in listed:
        if variable.kind is IacValueKind.DEFAULT and variable.default is not None:
            scope.setdefault(f"var.{variable.name}", _merged(variable, variable.default, []))
    tfvars = sorted((v for v in listed if v.kind is IacValueKind.TFVARS), key=_tfvars_order)
    for variable in tfvars:
        scope[f"var.{variable.name}"] = _merged(variable, variable.default or "", [])
    return with_locals(scope, [v for v in listed if v.kind is IacValueKind.LOCAL])


def with_locals(scope: Scope, local_values: list[IacVariable]) -> Scope:
    """`scope` plus the locals, each resolved against the scope and the other locals."""
    resolved = dict(scope)
    for _ in range(_LOCAL_PASSES):
        changed = False
        for variable in local_values:
            text, used = substitute(variable.default or "", resolved)
            value = _merged(variable, text, used)
            if resolved.get(f"local.{variable.name}") != value:
                resolved[f"local.{variable.name}"] = value
                changed = True
        if not changed:
            break
    return resolved


def call_scope(
    folder: Scope, inputs: list[IacVariable], caller: Scope, local_values: list[IacVariable]
) -> Scope:
    """The scope of a folder for one module call: the call's inputs (resolved in the
    caller's scope) over the folder's own values, locals re-resolved."""
    scope = {k: v for k, v in folder.items() if k.startswith("var.")}
    for variable in inputs:
        text, used = substitute(variable.default or "", caller)
        scope[f"var.{variable.name}"] = _merged(variable, text, used)
    return with_locals(scope, local_values)
