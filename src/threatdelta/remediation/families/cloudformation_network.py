"""Fix family `cloudformation-source-range`: a CloudFormation security group rule open to the
whole internet (TD-I016, `CidrIp: 0.0.0.0/0`).

The range becomes `!Ref <LogicalId>AllowedCidr`, a new template parameter with no default, so
whoever deploys the stack names the range that needs access. The parameter goes first in the
template's `Parameters` section, or in a new one before `Resources`. JSON templates, flow-style
sections and a parameter name already in use get no patch. Unsafe: the stack needs a value.
"""

from __future__ import annotations

from threatdelta.findings.edit import TextEdit
from threatdelta.findings.threat import Applicability
from threatdelta.remediation.base import FixRequest, Patch
from threatdelta.remediation.families.iac_lines import (
    Spot,
    assignment,
    is_generated,
    spots,
    unquoted,
)
from threatdelta.remediation.families.yaml_blocks import block_value, item_at, yaml_step

_KEYS = {"CidrIp": "AllowedCidr", "CidrIpv6": "AllowedCidrIpv6"}
_WORLD = frozenset({"0.0.0.0/0", "::/0"})


class CloudFormationSourceRangeFamily:
    """Replaces an internet-wide `CidrIp` with a parameter the deployer must set."""

    name = "cloudformation-source-range"
    rules = frozenset({"TD-I016"})

    def propose(self, request: FixRequest) -> Patch | None:
        for spot in spots(request.threat):
            if spot.config or not spot.path.endswith((".yaml", ".yml")):
                continue
            text = request.text(spot.path)
            if text is None or is_generated(text):
                return None
            edits = _edits(text, spot, _logical_id(request.threat.element))
            if edits:
                return Patch(
                    threat_id=request.threat.id,
                    rule_id=request.threat.rule_id,
                    family=self.name,
                    applicability=Applicability.UNSAFE,
                    summary="Take the allowed source range from a new stack parameter instead "
                    "of the whole internet.",
                    edits=edits,
                    guidance="Pass the new parameter (the range that really needs access) "
                    "when the stack is next deployed.",
                )
        return None


def _logical_id(element: str) -> str:
    """`BastionSg` for `iac:cfn:AWS::EC2::SecurityGroup.stack.yaml:BastionSg`."""
    tail = element.rsplit(":", 1)[-1]
    return tail if tail.isidentifier() else ""


def _edits(text: str, spot: Spot, logical: str) -> tuple[TextEdit, ...]:
    lines = text.splitlines()
    current = assignment(lines[spot.line - 1], yaml=True) if spot.line <= len(lines) else None
    if current is None or current.key not in _KEYS or unquoted(current.value) not in _WORLD:
        return ()
    name = f"{logical}{_KEYS[current.key]}"
    step = yaml_step(lines)
    if not logical or step is None or name in text:
        return ()
    section = _parameters(lines, name, step)
    if section is None:
        return ()
    at, added = section
    replaced = current.with_value(f"!Ref {name}")
    return (
        TextEdit(path=spot.path, start=at, end=at - 1, lines=tuple(added)),
        TextEdit(path=spot.path, start=spot.line, end=spot.line, lines=(replaced,)),
    )


def _parameters(lines: list[str], name: str, step: str) -> tuple[int, list[str]] | None:
    """Where to insert (1-based) and the lines declaring the parameter `name`."""
    tops = {line.split(":", 1)[0]: n for n, line in enumerate(lines) if line[:1].isalpha()}
    entry = [
        f"{name}:",
        f"{step}Type: String",
        f"{step}Description: Source address range allowed in; no default, set it per stack.",
    ]
    if "Parameters" in tops:
        index = tops["Parameters"]
        node = item_at(lines, index)
        if node is None or not block_value(lines, index):
            return None
        return index + 2, [" " * node.column + line for line in entry]
    if "Resources" not in tops:
        return None
    return tops["Resources"] + 1, ["Parameters:", *(step + line for line in entry)]
