"""CloudFormation `Parameters` defaults substituted where a property is exactly `!Ref` to
the parameter (`PubliclyAccessible: !Ref Public` with `Public: {Default: "true"}`).

A default is what the stack gets when the deployment passes nothing else, like a Terraform
variable default: the attribute lists the parameter in `variables` (`parameter:<Name>`, so
rules lower their confidence and say where the value came from) and gains the default's
line as `config` evidence. References inside `!Sub`, `!If` and other functions stay as
written.
"""

from __future__ import annotations

import re

from threatdelta.extractors.iac.cloudformation_values import as_text
from threatdelta.extractors.openapi.tree import YamlMap, YamlSeq
from threatdelta.model.base import Evidence, EvidenceRole, Location
from threatdelta.model.elements import IacAttribute
from threatdelta.model.iac_settings import PARAMETER

_WHOLE_REF = re.compile(r"\$\{Ref ([A-Za-z0-9]+)\}")

Defaults = dict[str, tuple[str, Evidence]]  # parameter -> (default text, its lines)


def parameter_defaults(root: YamlMap, path: str) -> Defaults:
    """Each parameter's scalar `Default` and the lines it is written on."""
    parameters = root.map("Parameters")
    found: Defaults = {}
    for name, body in (parameters or {}).items():
        if not isinstance(body, YamlMap) or "Default" not in body:
            continue
        default = body.get("Default")
        if isinstance(default, YamlMap | YamlSeq) or default is None:
            continue
        start, end = body.span_of("Default")
        where = Location(path=path, start_line=start, end_line=end)
        found[name] = (as_text(default), Evidence(location=where, role=EvidenceRole.CONFIG))
    return found


def with_defaults(attribute: IacAttribute, defaults: Defaults) -> IacAttribute:
    """The attribute with a whole `${Ref <parameter>}` replaced by the parameter's default."""
    match = _WHOLE_REF.fullmatch(attribute.value)
    if match is None or match.group(1) not in defaults:
        return attribute
    value, where = defaults[match.group(1)]
    return attribute.model_copy(
        update={
            "value": value,
            "variables": (*attribute.variables, PARAMETER + match.group(1)),
            "evidence": (*attribute.evidence, where),
        }
    )
