"""Grounding: an LLM threat becomes a `Threat` only if everything it cites is really there.

A threat of an answer given for context `ctx` survives when
1. its element key exists in the model;
2. every evidence range lies inside the lines the context showed (`ctx.allowed_lines()`)
   and inside one of that element's evidence spans (or its handler);
3. every quote appears, whitespace-normalised, in the file at those lines (the analysed
   text, or the redacted text that was shown), and is at least `MIN_QUOTE_CHARS` long;
4. it does not repeat a rule threat: same element and same primary STRIDE class.
Anything else is dropped with a notification saying which check failed. Nothing is fixed up.

The threat gets rule id TD-AI001, a title ending in "(AI analyst, unverified by rules)" so every
output labels it, a fingerprint of (rule, element, primary STRIDE, normalised
title) as id, a severity computed from the vector of `llm.vector` (the model's suggestion is
only quoted), confidence medium (never higher) and `source=llm`.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence

from threatdelta.findings.scoring import cvss_score, fingerprint
from threatdelta.findings.threat import Confidence, Threat, ThreatSource
from threatdelta.llm.answer import LlmThreatAnswer, QuotedEvidence
from threatdelta.llm.context import ElementContext
from threatdelta.llm.injection import LLM_RULE_ID
from threatdelta.llm.vector import llm_vector
from threatdelta.model.base import Evidence, EvidenceRole, Level, Location, Notification
from threatdelta.model.elements import Element, Endpoint
from threatdelta.model.threat_model import ThreatModel

MIN_QUOTE_CHARS = 8
LLM_LABEL = "(AI analyst, unverified by rules)"
_SPACE = re.compile(r"\s+")
_TITLE_NOISE = re.compile(r"[^a-z0-9 ]+")


def normalised(text: str) -> str:
    return _SPACE.sub(" ", text).strip()


def _title_key(title: str) -> str:
    return normalised(_TITLE_NOISE.sub(" ", title.lower()))


def _dropped(element: str, title: str, why: str) -> Notification:
    return Notification(
        level=Level.NOTE,
        code="llm-threat-ungrounded",
        message=f"LLM threat {title!r} on {element} dropped: {why}",
    )


def _spans(element: Element) -> list[Location]:
    spans = [e.location for e in element.evidence]
    if isinstance(element, Endpoint) and element.handler is not None:
        spans.append(element.handler)
    return spans


def _text_at(text: str, start: int, end: int) -> str:
    return normalised("\n".join(text.splitlines()[start - 1 : end]))


def _shown_at(ctx: ElementContext, cited: QuotedEvidence) -> str:
    lines = [
        line
        for excerpt in ctx.excerpts
        if excerpt.path == cited.path
        for number, line in enumerate(excerpt.lines, start=excerpt.start_line)
        if cited.start_line <= number <= cited.end_line
    ]
    return normalised("\n".join(lines))


def _evidence_problem(
    cited: QuotedEvidence, ctx: ElementContext, element: Element, files: Mapping[str, str]
) -> str | None:
    where = f"{cited.path}:{cited.start_line}-{cited.end_line}"
    if cited.end_line < cited.start_line:
        return f"{where} ends before it starts"
    shown = ctx.allowed_lines().get(cited.path, frozenset())
    if any(n not in shown for n in range(cited.start_line, cited.end_line + 1)):
        return f"{where} is outside the lines the analyst was shown"
    location = Location(path=cited.path, start_line=cited.start_line, end_line=cited.end_line)
    if not any(span.contains(location) for span in _spans(element)):
        return f"{where} is outside the evidence of {element.key}"
    quote = normalised(cited.quote)
    if len(quote) < MIN_QUOTE_CHARS:
        return f"the quote at {where} is shorter than {MIN_QUOTE_CHARS} characters"
    text = files.get(cited.path, "")
    if quote not in _text_at(text, cited.start_line, cited.end_line) and quote not in _shown_at(
        ctx, cited
    ):
        return f"the quoted code is not at {where}"
    return None


def _problem(
    answer: LlmThreatAnswer,
    ctx: ElementContext,
    model: ThreatModel,
    files: Mapping[str, str],
    rule_threats: Sequence[Threat],
) -> str | Element:
    element = model.element(answer.element)
    if element is None:
        return "its element is not in the model"
    for cited in answer.evidence:
        problem = _evidence_problem(cited, ctx, element, files)
        if problem:
            return problem
    primary = answer.stride[0]
    for threat in rule_threats:
        if threat.element == element.key and threat.stride[0] is primary:
            return f"it repeats {threat.rule_id} ({primary.label}) on the same element"
    return element


def llm_threat(answer: LlmThreatAnswer, element: Element) -> Threat:
    """The `Threat` of a grounded answer (without a fix)."""
    vector = llm_vector(answer.stride, element)
    score, severity = cvss_score(vector)
    qualifier = f"{answer.stride[0].value}:{_title_key(answer.title)}"
    suggestion = answer.severity_suggestion.value
    return Threat(
        id=fingerprint(LLM_RULE_ID, element.key, qualifier),
        rule_id=LLM_RULE_ID,
        stride=tuple(dict.fromkeys(answer.stride)),
        title=f"{answer.title} {LLM_LABEL}",
        message=f"{answer.attack_vector} (The AI analyst suggested {suggestion} severity; the "
        "severity shown is computed from the CVSS vector.)",
        attack_vector=answer.attack_vector,
        impact=answer.impact,
        cwe=(answer.cwe,),
        cvss_vector=vector,
        score=score,
        severity=severity,
        confidence=Confidence.MEDIUM,
        element=element.key,
        evidence=tuple(
            Evidence(
                location=Location(path=e.path, start_line=e.start_line, end_line=e.end_line),
                role=EvidenceRole.PRIMARY,
            )
            for e in answer.evidence
        ),
        source=ThreatSource.LLM,
    )


def ground(
    answers: Sequence[LlmThreatAnswer],
    ctx: ElementContext,
    model: ThreatModel,
    files: Mapping[str, str],
    rule_threats: Sequence[Threat],
) -> tuple[list[tuple[Threat, LlmThreatAnswer]], list[Notification]]:
    """The grounded threats of one element's answer (each with the answer it came from, for
    its patch) and a notification for each one dropped."""
    kept: dict[str, tuple[Threat, LlmThreatAnswer]] = {}
    notes: list[Notification] = []
    for answer in answers:
        found = _problem(answer, ctx, model, files, rule_threats)
        if isinstance(found, str):
            notes.append(_dropped(answer.element, answer.title, found))
            continue
        threat = llm_threat(answer, found)
        kept.setdefault(threat.id, (threat, answer))
    return list(kept.values()), notes
