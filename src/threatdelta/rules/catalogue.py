"""Rule documentation and reporter-facing rule info, generated from the rule modules."""

from __future__ import annotations

from collections.abc import Sequence

from threatdelta.findings.scoring import cvss_score
from threatdelta.report import RuleInfo
from threatdelta.rules.spec import DOC_SECTIONS, Rule, rule_doc_sections


def rule_help_markdown(rule: Rule) -> str:
    spec = rule.SPEC
    sections = rule_doc_sections(rule)
    score, severity = cvss_score(spec.cvss_vector)
    lines = [
        f"## {spec.id} {spec.name}",
        "",
        f"**{spec.title}**",
        "",
        f"STRIDE: {', '.join(s.label for s in spec.stride)} · "
        f"CWE: {', '.join(f'CWE-{c}' for c in spec.cwe)} · "
        f"CVSS 3.1: {score} ({severity.value}) `{spec.cvss_vector}` · "
        f"confidence: {spec.confidence.value} · fix: {spec.fix.value}",
    ]
    for heading in DOC_SECTIONS:
        if heading in sections:
            lines += ["", f"### {heading}", "", sections[heading]]
    return "\n".join(lines) + "\n"


def rule_info(rule: Rule) -> RuleInfo:
    spec = rule.SPEC
    score, severity = cvss_score(spec.cvss_vector)
    return RuleInfo(
        id=spec.id,
        name=spec.name,
        title=spec.title,
        stride=tuple(s.value for s in spec.stride),
        cwe=spec.cwe,
        help_markdown=rule_help_markdown(rule),
        description=" ".join(rule_doc_sections(rule).get("What it flags", spec.title).split()),
        cvss_vector=spec.cvss_vector,
        score=score,
        severity=severity.value,
    )


def catalogue(rules: Sequence[Rule]) -> tuple[RuleInfo, ...]:
    return tuple(rule_info(rule) for rule in rules)
