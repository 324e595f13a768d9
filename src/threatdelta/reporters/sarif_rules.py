"""SARIF rule metadata (`tool.driver.rules`): one reportingDescriptor per rule of the run.

Every rule in `report.rules` (the catalogue the scan ran) gets a descriptor, in catalogue
order, whether or not it produced a threat: code scanning then knows the full set of rules that
were evaluated, and `ruleIndex` is stable for a given catalogue. A threat whose rule is not in
the catalogue (an analyst finding) gets a descriptor built from the threat, appended after.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

import sarif_om as om

from threatdelta.findings.threat import Severity, Stride, Threat
from threatdelta.report import RuleInfo

_LEVEL = {
    Severity.CRITICAL: "error",
    Severity.HIGH: "error",
    Severity.MEDIUM: "warning",
    Severity.LOW: "note",
}
_WORD = re.compile(r"[A-Za-z0-9]+")


def sarif_level(severity: Severity) -> str:
    """critical/high -> error, medium -> warning, low -> note."""
    return _LEVEL[severity]


def pascal_case(name: str) -> str:
    """`unauthenticated-state-change` -> `UnauthenticatedStateChange` (what GitHub shows)."""
    return "".join(word[:1].upper() + word[1:] for word in _WORD.findall(name))


def stride_tag(letter: str) -> str:
    """`S` -> `stride/spoofing`, `I` -> `stride/information-disclosure`."""
    return "stride/" + Stride(letter).label.lower().replace(" ", "-")


def rule_tags(stride: Sequence[str], cwe: Sequence[int]) -> list[str]:
    tags = ["security", *(f"external/cwe/cwe-{c}" for c in cwe), *map(stride_tag, stride)]
    return list(dict.fromkeys(tags))


def _properties(stride: Sequence[str], cwe: Sequence[int], score: float, cvss: str) -> object:
    return {
        "security-severity": f"{score:.1f}",
        "tags": rule_tags(stride, cwe),
        "stride": list(stride),
        "cvssVector": cvss,
    }


def rule_descriptor(rule: RuleInfo) -> om.ReportingDescriptor:
    return om.ReportingDescriptor(
        id=rule.id,
        name=pascal_case(rule.name),
        short_description=om.MultiformatMessageString(text=rule.title),
        full_description=om.MultiformatMessageString(text=rule.description or rule.title),
        help=om.MultiformatMessageString(text=rule.help_markdown, markdown=rule.help_markdown),
        default_configuration=om.ReportingConfiguration(level=sarif_level(Severity(rule.severity))),
        properties=_properties(rule.stride, rule.cwe, rule.score, rule.cvss_vector),
    )


def threat_descriptor(threat: Threat) -> om.ReportingDescriptor:
    """A descriptor for a threat whose rule is not in the catalogue."""
    stride = [s.value for s in threat.stride]
    help_text = f"{threat.title}\n\n{threat.impact}\n"
    return om.ReportingDescriptor(
        id=threat.rule_id,
        name=pascal_case(threat.title) or "Threat",
        short_description=om.MultiformatMessageString(text=threat.title),
        full_description=om.MultiformatMessageString(text=threat.title),
        help=om.MultiformatMessageString(text=help_text),
        default_configuration=om.ReportingConfiguration(level=sarif_level(threat.severity)),
        properties=_properties(stride, threat.cwe, threat.score, threat.cvss_vector),
    )


def rule_descriptors(
    rules: Sequence[RuleInfo], threats: Sequence[Threat]
) -> tuple[list[om.ReportingDescriptor], dict[str, int]]:
    """Descriptors and the index of each rule id in them (for `result.ruleIndex`)."""
    descriptors = [rule_descriptor(rule) for rule in rules]
    index = {rule.id: i for i, rule in enumerate(rules)}
    for threat in threats:
        if threat.rule_id not in index:
            index[threat.rule_id] = len(descriptors)
            descriptors.append(threat_descriptor(threat))
    return descriptors, index
