"""Reading the settings of a linked IaC resource: one argument, the repeated nested blocks
of one kind (`ingress`, `default_action`), list values, and whether a value came only from
variable defaults.

A resource's attributes are dotted names in the order written, a block's own arguments
before its nested blocks' (see `extractors/iac/terraform.py`); each carries the first lines
of the nested blocks around it, which tell repeated blocks of one kind apart.
"""

from __future__ import annotations

import json
from collections.abc import Iterable

from threatdelta.model.base import Evidence
from threatdelta.model.elements import IacAttribute, IacResource


def own(resource: IacResource, name: str) -> IacAttribute | None:
    """The resource's own (not folded-in) argument `name`, if written."""
    for attribute in resource.attributes:
        if attribute.name == name and attribute.resource == "":
            return attribute
    return None


def blocks(resource: IacResource, kind: str) -> list[dict[str, IacAttribute]]:
    """The resource's own nested `kind` blocks (`ingress`, `default_action.redirect`) in the
    order written, each as its argument names (without the `kind.` prefix, deeper blocks
    still dotted) -> attribute."""
    prefix = f"{kind}."
    depth = kind.count(".")
    found: dict[int, dict[str, IacAttribute]] = {}
    for attribute in resource.attributes:
        if attribute.resource or not attribute.name.startswith(prefix):
            continue
        if len(attribute.blocks) <= depth:
            continue
        block = found.setdefault(attribute.blocks[depth], {})
        block[attribute.name.removeprefix(prefix)] = attribute
    return list(found.values())


def items(value: str) -> list[object]:
    """A rendered value as a list: a JSON list's items, else the value itself."""
    if value.startswith("["):
        try:
            parsed = json.loads(value)
        except (ValueError, RecursionError):
            return [value]
        return parsed if isinstance(parsed, list) else [value]
    return [value]


def json_document(value: str) -> object:
    """A rendered JSON object or list, else None."""
    if not value.startswith(("{", "[")):
        return None
    try:
        parsed: object = json.loads(value)
    except (ValueError, RecursionError):
        return None
    return parsed


def evidence_of(attributes: Iterable[IacAttribute]) -> tuple[Evidence, ...]:
    """The attributes' evidence in order, each once (the first is the primary)."""
    return tuple(dict.fromkeys(ev for a in attributes for ev in a.evidence))


# a CloudFormation parameter among an attribute's `variables` (`parameter:Public`)
PARAMETER = "parameter:"


def defaults_note(attributes: Iterable[IacAttribute]) -> str:
    """A sentence naming the variable (or template parameter) defaults a value came from,
    or ""."""
    names = list(dict.fromkeys(v for a in attributes for v in a.variables))
    if not names:
        return ""
    parameters = [n.removeprefix(PARAMETER) for n in names if n.startswith(PARAMETER)]
    if parameters:
        listed = "`, `".join(parameters)
        return (
            f" The value comes from the default of template parameter `{listed}`, which a "
            "stack deployment may override."
        )
    listed = "`, `var.".join(names)
    return f" The value comes from the default of `var.{listed}`, which a tfvars file may override."
