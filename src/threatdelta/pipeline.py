"""The composition root: wires reading, extraction, linking, rules and the report."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date
from pathlib import Path

from threatdelta.diff.changes import DiffLimits
from threatdelta.diff.delta import DeltaReport
from threatdelta.engine import run_rules
from threatdelta.extractors.base import Extractor, SourceFile, wants
from threatdelta.extractors.registry import default_extractors
from threatdelta.model.base import Level, Notification
from threatdelta.model.fragment import ModelFragment
from threatdelta.model.link import link
from threatdelta.register.policy import RulePolicies
from threatdelta.register.report_triage import NO_POLICY, today_utc, triage_delta, triage_scan
from threatdelta.register.schema import RegisterFile
from threatdelta.register.store import load_register, read_register_at
from threatdelta.register.trust import trusted_register, with_refused
from threatdelta.remediation.inputs import ScanInputs
from threatdelta.report import ScanReport, ScanStats
from threatdelta.rules.catalogue import catalogue
from threatdelta.rules.registry import RULES
from threatdelta.rules.spec import Rule
from threatdelta.sources import ReadLimits, read_repository, selection_of


def extract_file(
    source: SourceFile, extractors: Sequence[Extractor]
) -> tuple[list[ModelFragment], list[Notification]]:
    """Every extractor that claims the file; a crash becomes a notification."""
    fragments: list[ModelFragment] = []
    notes: list[Notification] = []
    for extractor in extractors:
        if not wants(extractor, source):
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
    fixes: bool = True,
    policies: RulePolicies = NO_POLICY,
    today: date | None = None,
) -> ScanReport:
    """Full-repository threat model of the folder `root`; with `fixes`, every threat a fix
    family can patch carries its proven patch. The folder's register
    (`.threatdelta/register.yaml`) and the rule `policies` apply on `today` (UTC default)."""
    report, inputs = scan_with_inputs(root, limits=limits, extractors=extractors, rules=rules)
    if fixes:
        from threatdelta.remediation.run import attach_fixes  # noqa: PLC0415 (imports pipeline)

        report = attach_fixes(report, inputs)
    register, notes = load_register(root)
    return triage_scan(report, register, notes, today=today or today_utc(), policies=policies)


def scan_with_inputs(
    root: Path,
    *,
    limits: ReadLimits | None = None,
    extractors: Sequence[Extractor] | None = None,
    rules: Sequence[Rule] = RULES,
) -> tuple[ScanReport, ScanInputs]:
    """The register of the folder `root` (without patches) and what remediation needs to
    prove a patch: the analysed text and each file's fragments."""
    extractors = default_extractors() if extractors is None else extractors
    selection = selection_of(extractors)
    read = read_repository(root, selection.suffixes, limits or ReadLimits(), names=selection.names)
    by_path: dict[str, tuple[ModelFragment, ...]] = {}
    notes = list(read.notifications)
    for source in read.files:
        file_fragments, file_notes = extract_file(source, extractors)
        by_path[source.path] = tuple(file_fragments)
        notes.extend(file_notes)
    fragments = [f for found in by_path.values() for f in found]
    skipped = sum(1 for n in read.notifications if n.path is not None)
    analysed = sum(1 for found in by_path.values() if found)
    stats = ScanStats(files_read=len(read.files), files_analysed=analysed, files_skipped=skipped)
    inputs = ScanInputs(
        files={s.path: s for s in read.files}, fragments=by_path, extractors=extractors, rules=rules
    )
    return analyse(fragments, notes, stats, rules), inputs


def analyse(
    fragments: Sequence[ModelFragment],
    notes: Sequence[Notification],
    stats: ScanStats,
    rules: Sequence[Rule] = RULES,
) -> ScanReport:
    """Fragments -> linked model -> threats: the register of one revision."""
    model, link_notes = link(fragments)
    threats, rule_notes = run_rules(model, rules)
    return ScanReport(
        model=model,
        threats=threats,
        rules=catalogue(rules),
        notifications=(*notes, *link_notes, *rule_notes),
        stats=stats,
    )


def diff(
    repo_path: Path,
    base: str,
    head: str = "HEAD",
    *,
    cache_dir: Path | None = None,
    use_cache: bool = True,
    limits: ReadLimits | None = None,
    diff_limits: DiffLimits | None = None,
    extractors: Sequence[Extractor] | None = None,
    rules: Sequence[Rule] = RULES,
    need_register: bool = True,
    fixes: bool = True,
    policies: RulePolicies = NO_POLICY,
    today: date | None = None,
    head_register: RegisterFile | None = None,
    from_fork: bool = False,
) -> DeltaReport:
    """The threat delta of `merge-base(base, head)..head` in the git repository at
    `repo_path`; with `need_register`, also the complete head register; with `fixes`, the
    introduced threats (and the same threats of the register) carry their proven patches.
    The head commit's register and the rule `policies` apply on `today` (UTC default); the
    decisions the change makes are those of the head register file against the merge base's;
    `head_register` applies in place of the head commit's file (a decision not pushed yet);
    `from_fork`: the head's decision changes are refused (`register.trust`)."""
    from threatdelta.diff.run import DiffRun  # noqa: PLC0415 (GitPython needs git)

    run = DiffRun(
        extractors=default_extractors() if extractors is None else extractors,
        rules=rules,
        limits=limits or ReadLimits(),
        diff_limits=diff_limits or DiffLimits(),
        extract=extract_file,
        analyse=analyse,
        fixes=fixes,
    )
    report = run.run(
        repo_path,
        base,
        head,
        cache_dir=cache_dir if use_cache else None,
        use_cache=use_cache,
        need_register=need_register,
    )
    head_file, notes = read_register_at(repo_path, report.head_commit)
    if head_register is not None:
        head_file, notes = head_register, ()
    base_file, _ = read_register_at(repo_path, report.merge_base)
    head_file, refused = trusted_register(base_file, head_file, from_fork)
    when = today or today_utc()
    triaged = triage_delta(report, head_file, base_file, notes, today=when, policies=policies)
    return with_refused(triaged, refused)


def read_commit_texts(
    repo_path: Path, commit: str, paths: Iterable[str], max_bytes: int
) -> dict[str, str]:
    """The text of some files at a commit, read from git (for SARIF line hashes)."""
    from threatdelta.diff.git import open_repository  # noqa: PLC0415 (GitPython needs git)

    texts: dict[str, str] = {}
    with open_repository(repo_path) as repo:
        for path in sorted(paths):
            content = repo.read_file(commit, path, max_bytes)
            if content is not None and not isinstance(content, Notification):
                texts[path] = content.data.decode("utf-8", errors="replace")
    return texts
