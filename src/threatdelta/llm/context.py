"""What the LLM analyst is shown about one element, bounded and redacted.

`build_contexts` gives one `ElementContext` per element, ordered by risk (higher `priority`
first: unauthenticated, state-changing, sensitive-data and boundary-crossing elements), each
holding the element's facts as JSON, its code with line numbers, the definitions of its
guards, one line per neighbouring flow and boundary, the rule threats already found for it and
a README excerpt. Everything is redacted before it is put in a context; `digest()` covers
everything sent and is the analyst's cache key; `allowed_lines()` is what grounding accepts.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Mapping, Sequence

from threatdelta.findings.threat import Threat
from threatdelta.llm.context_code import (
    CodeExcerpt,
    RedactedFiles,
    business_context,
    excerpt_for,
    guard_definitions,
    merge_excerpts,
)
from threatdelta.llm.context_risk import neighbours, risk_priority
from threatdelta.llm.injection_scan import InjectionMarker, scan_file_name, scan_lines
from threatdelta.llm.redact import redact
from threatdelta.model.base import ElementKind, Frozen, Level, Location, Notification
from threatdelta.model.elements import Element, Endpoint
from threatdelta.model.threat_model import ThreatModel

__all__ = [
    "DEFAULT_LIMITS",
    "CodeExcerpt",
    "ContextLimits",
    "ElementContext",
    "build_contexts",
]

_ANALYSED_KINDS = (
    ElementKind.ENDPOINT,
    ElementKind.FLOW,
    ElementKind.DATASTORE,
    ElementKind.EXTERNAL,
)


class ContextLimits(Frozen):
    max_excerpt_lines: int = 120
    max_excerpts: int = 6
    max_business_chars: int = 2000
    max_facts_chars: int = 4000


DEFAULT_LIMITS = ContextLimits()


class ElementContext(Frozen):
    """Everything the analyst sends about one element (all repository text redacted)."""

    element: str
    kind: str
    priority: int
    facts: str
    excerpts: tuple[CodeExcerpt, ...]
    neighbours: tuple[str, ...]
    rule_threats: tuple[str, ...]
    business_context: str
    injections: tuple[InjectionMarker, ...]
    redactions: int

    def digest(self) -> str:
        """sha256 (hex) of a canonical JSON of the whole context."""
        canonical = json.dumps(
            self.model_dump(mode="json"), sort_keys=True, separators=(",", ":"), ensure_ascii=False
        )
        return hashlib.sha256(canonical.encode("utf-8", "surrogatepass")).hexdigest()

    def allowed_lines(self) -> dict[str, frozenset[int]]:
        """The lines of each file shown to the model (1-based)."""
        shown: dict[str, set[int]] = {}
        for excerpt in self.excerpts:
            shown.setdefault(excerpt.path, set()).update(
                range(excerpt.start_line, excerpt.end_line + 1)
            )
        return {path: frozenset(lines) for path, lines in shown.items()}


def _facts(element: Element, limit: int) -> tuple[str, int]:
    data = {"key": element.key, "kind": element.kind.value, **element.model_dump(mode="json")}
    text, count = redact(json.dumps(data, ensure_ascii=False, separators=(",", ":")))
    if len(text) > limit:
        text = text[:limit] + f"\n[truncated: {len(text) - limit} more characters]"
    return text, count


def _spans(element: Element, files: RedactedFiles) -> list[Location]:
    spans = [e.location for e in element.evidence]
    if isinstance(element, Endpoint):
        if element.handler is not None:
            spans.insert(0, element.handler)
        near = spans[0].path if spans else ""
        spans += guard_definitions(files, element.guards, near)
    return spans


def _excerpts(
    element: Element, files: RedactedFiles, limits: ContextLimits, notes: list[Notification]
) -> tuple[CodeExcerpt, ...]:
    found: list[CodeExcerpt] = []
    for span in _spans(element, files):
        excerpt = excerpt_for(files, span, limits.max_excerpt_lines)
        if excerpt is None:
            if span.path not in files:
                notes.append(
                    _note(
                        "llm-context-file-missing",
                        f"{span.path} is not available; its code is not sent for {element.key}",
                        span.path,
                    )
                )
            continue
        found.append(excerpt)
    return tuple(merge_excerpts(found, files)[: limits.max_excerpts])


def _note(code: str, message: str, path: str | None = None) -> Notification:
    return Notification(level=Level.NOTE, code=code, message=message, path=path)


def _injections(excerpts: Sequence[CodeExcerpt]) -> tuple[InjectionMarker, ...]:
    """Markers in exactly what is sent: the lines shown (redacted, cut) and the files' names."""
    found: list[InjectionMarker] = []
    for excerpt in excerpts:
        found += scan_file_name(excerpt.path)
        found += scan_lines(excerpt.path, excerpt.lines, excerpt.start_line)
    return tuple(dict.fromkeys(found))


def _rule_threats(key: str, threats: Sequence[Threat]) -> tuple[str, ...]:
    return tuple(
        f"{t.rule_id} [{''.join(s.value for s in t.stride)}] {t.title}"
        for t in threats
        if t.element == key
    )


def _context(
    element: Element,
    *,
    model: ThreatModel,
    threats: Sequence[Threat],
    files: RedactedFiles,
    limits: ContextLimits,
    notes: list[Notification],
) -> ElementContext:
    facts, fact_redactions = _facts(element, limits.max_facts_chars)
    excerpts = _excerpts(element, files, limits, notes)
    near = excerpts[0].path if excerpts else ""
    business, documents = business_context(files, near, limits.max_business_chars)
    return ElementContext(
        element=element.key,
        kind=element.kind.value,
        priority=risk_priority(element, model),
        facts=facts,
        excerpts=excerpts,
        neighbours=neighbours(element, model),
        rule_threats=_rule_threats(element.key, threats),
        business_context=business,
        injections=_injections((*excerpts, *documents)),
        redactions=fact_redactions
        + business.count("[REDACTED:")
        + sum(line.count("[REDACTED:") for e in excerpts for line in e.lines),
    )


def build_contexts(
    model: ThreatModel,
    threats: Sequence[Threat],
    files: Mapping[str, str],
    keys: Iterable[str] | None = None,
    limits: ContextLimits = DEFAULT_LIMITS,
) -> tuple[tuple[ElementContext, ...], tuple[Notification, ...]]:
    """One context per element key (None: every endpoint, flow, data store and external
    entity of the model), riskiest first; a key not in the model gives a notification."""
    notes: list[Notification] = []
    if keys is None:
        elements = [e for e in model.elements() if e.kind in _ANALYSED_KINDS]
    else:
        elements = []
        for key in dict.fromkeys(keys):
            element = model.element(key)
            if element is None:
                notes.append(
                    _note(
                        "llm-context-unknown-element",
                        f"{key} is not in the model; nothing is sent for it",
                    )
                )
            else:
                elements.append(element)
    redacted = RedactedFiles(files)
    contexts = [
        _context(e, model=model, threats=threats, files=redacted, limits=limits, notes=notes)
        for e in elements
    ]
    contexts.sort(key=lambda c: (-c.priority, c.element))
    return tuple(contexts), tuple(dict.fromkeys(notes))
