"""The composition root: wires reading, extraction, linking, rules and the report."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from threatdelta.engine import run_rules
from threatdelta.extractors.base import Extractor, SourceFile
from threatdelta.extractors.registry import default_extractors
from threatdelta.model.base import Level, Notification
from threatdelta.model.fragment import ModelFragment
from threatdelta.model.link import link
from threatdelta.report import ScanReport, ScanStats
from threatdelta.rules.catalogue import catalogue
from threatdelta.rules.registry import RULES
from threatdelta.rules.spec import Rule
from threatdelta.sources import ReadLimits, read_repository


def extract_file(
    source: SourceFile, extractors: Sequence[Extractor]
) -> tuple[list[ModelFragment], list[Notification]]:
    """Every extractor that claims the file; a crash becomes a notification."""
    fragments: list[ModelFragment] = []
    notes: list[Notification] = []
    for extractor in extractors:
        if source.suffix not in extractor.suffixes:
            continue
        try:
            if not extractor.claims(source):
                continue
            fragment = extractor.extract(source)
        except RecursionError:
            notes.append(
                Notification(
                    level=Level.WARNING,
                    code="too-deeply-nested",
                    path=source.path,
                    message=f"{extractor.name}: input nested too deeply to analyse; skipped",
                )
            )
            continue
        except Exception as exc:  # an extractor bug must not stop the run
            notes.append(
                Notification(
                    level=Level.ERROR,
                    code="extractor-crashed",
                    path=source.path,
                    message=f"{extractor.name} crashed on this file and skipped it: "
                    f"{type(exc).__name__}: {exc}",
                )
            )
            continue
        fragments.append(fragment)
        notes.extend(fragment.notifications)
    return fragments, notes


def scan(
    root: Path,
    *,
    limits: ReadLimits | None = None,
    extractors: Sequence[Extractor] | None = None,
    rules: Sequence[Rule] = RULES,
) -> ScanReport:
    """Full-repository threat model of the folder `root`."""
    extractors = default_extractors() if extractors is None else extractors
    suffixes = frozenset(s for e in extractors for s in e.suffixes)
    read = read_repository(root, suffixes, limits or ReadLimits())
    notes = list(read.notifications)
    fragments: list[ModelFragment] = []
    analysed = 0
    for source in read.files:
        file_fragments, file_notes = extract_file(source, extractors)
        fragments.extend(file_fragments)
        notes.extend(file_notes)
        analysed += bool(file_fragments)
    model, link_notes = link(fragments)
    threats, rule_notes = run_rules(model, rules)
    notes.extend(link_notes)
    notes.extend(rule_notes)
    skipped = sum(1 for n in read.notifications if n.path is not None)
    return ScanReport(
        model=model,
        threats=threats,
        rules=catalogue(rules),
        notifications=tuple(notes),
        stats=ScanStats(files_read=len(read.files), files_analysed=analysed, files_skipped=skipped),
    )
