"""Fix family `terraform-source-range`: an ingress rule open to the whole internet.

The open source range (`cidr_blocks = ["0.0.0.0/0"]`, a Google firewall's `source_ranges`, an
Azure rule's `source_address_prefix = "Internet"`) becomes a new input variable with no default,
`var.<resource>_allowed_cidrs`, declared at the end of the same file: whoever deploys must name
the ranges that need access. When the rule takes the range from a local, the local is pointed at
the variable instead. A range set in a tfvars file, or a name already taken, gets no patch.
Unsafe: the deployment needs a value for the new variable.
"""

from __future__ import annotations

import re

from threatdelta.findings.edit import TextEdit
from threatdelta.findings.threat import Applicability
from threatdelta.remediation.base import FixRequest, Patch
from threatdelta.remediation.edits import EditError, conventions
from threatdelta.remediation.families.iac_lines import (
    Assignment,
    Spot,
    assignment,
    is_generated,
    line_at,
    spots,
    unquoted,
)

_LISTS = frozenset({"cidr_blocks", "ipv6_cidr_blocks", "source_ranges", "source_address_prefixes"})
_STRINGS = frozenset({"cidr_ipv4", "cidr_ipv6", "source_address_prefix"})
_WORLD = ("0.0.0.0/0", "::/0")
_AZURE_WORLD = frozenset({"*", "Internet", "Any", "0.0.0.0/0", "::/0"})
_LOCAL = re.compile(r"^local\.(?P<name>\w+)$")
_NAME = re.compile(r"[^\w]+")


class TerraformSourceRangeFamily:
    """Replaces an internet-wide ingress source with a variable the deployer must set."""

    name = "terraform-source-range"
    rules = frozenset({"TD-I016"})

    def propose(self, request: FixRequest) -> Patch | None:
        edits = _edits(request)
        if not edits:
            return None
        return Patch(
            threat_id=request.threat.id,
            rule_id=request.threat.rule_id,
            family=self.name,
            applicability=Applicability.UNSAFE,
            summary="Take the allowed source ranges from a new variable with no default "
            "instead of the whole internet.",
            edits=edits,
            guidance="Set the new variable (tfvars or the pipeline) to the addresses that "
            "really need access before the next apply.",
        )


def _edits(request: FixRequest) -> tuple[TextEdit, ...]:
    found = [s for s in spots(request.threat) if s.path.endswith(".tf")]
    for spot in (s for s in found if not s.config):
        text = request.text(spot.path)
        line = line_at(text, spot.line) if text is not None else None
        current = assignment(line, yaml=False) if line is not None else None
        if text is None or current is None:
            continue
        if current.key not in _LISTS | _STRINGS:
            continue
        if _open(current):
            listed = current.key in _LISTS
            variable = f"{_resource_name(request)}_allowed_cidr{'s' if listed else ''}"
            return _point_at_variable(request, spot, current, variable, listed)
        local = _LOCAL.match(current.value.strip())
        if local is not None and current.key in _LISTS:
            return _local(request, found, local.group("name"))
    return ()


def _local(request: FixRequest, found: list[Spot], name: str) -> tuple[TextEdit, ...]:
    """The local holding the open range now takes it from `var.<local>`."""
    configs = [s for s in found if s.config]
    if len(configs) != 1:
        return ()
    spot = configs[0]
    text = request.text(spot.path)
    line = line_at(text, spot.line) if text is not None else None
    current = assignment(line, yaml=False) if line is not None else None
    if current is None or current.key != name or not _open(current):
        return ()
    return _point_at_variable(request, spot, current, name, listed=True)


def _open(current: Assignment) -> bool:
    if current.key in _LISTS or current.key not in _STRINGS:
        return current.value.lstrip().startswith("[") and any(w in current.value for w in _WORLD)
    return unquoted(current.value) in _AZURE_WORLD


def _point_at_variable(
    request: FixRequest, spot: Spot, current: Assignment, variable: str, listed: bool
) -> tuple[TextEdit, ...]:
    text = request.text(spot.path) or ""
    if is_generated(text) or _declared(request, variable):
        return ()
    try:
        unit = conventions(text).indent_unit
    except EditError:
        return ()
    replaced = TextEdit(
        path=spot.path,
        start=spot.line,
        end=spot.line,
        lines=(current.with_value(f"var.{variable}"),),
    )
    lines = text.splitlines()
    block = [
        *([""] if lines and lines[-1].strip() else []),
        f'variable "{variable}" {{',
        f'{unit}description = "Source address ranges allowed in (no default: set it '
        'per environment)."',
        f"{unit}type        = {'list(string)' if listed else 'string'}",
        "}",
    ]
    end = len(lines)
    return replaced, TextEdit(path=spot.path, start=end + 1, end=end, lines=tuple(block))


def _declared(request: FixRequest, variable: str) -> bool:
    """A variable of that name already exists somewhere in the repository."""
    pattern = re.compile(rf'^\s*variable\s+"{re.escape(variable)}"', re.MULTILINE)
    return any(
        path.endswith(".tf") and pattern.search(text) for path, text in request.files.items()
    )


def _resource_name(request: FixRequest) -> str:
    """`bastion` for `iac:aws_security_group.bastion`."""
    element = request.threat.element.removeprefix("iac:")
    name = element.split(".", 1)[1] if "." in element else element
    return _NAME.sub("_", name.split("[", 1)[0]).strip("_") or "ingress"
