"""`threatdelta fix [THREAT_ID ...] [--apply] [--only safe|unsafe] [--force] [PATH]`: print the
proven patches as unified diffs, or apply them to the work tree."""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path
from typing import Any

from threatdelta.errors import UsageError
from threatdelta.findings.threat import Applicability, Threat
from threatdelta.remediation.delivery import ApplyOutcome, FixOptions, Plan, apply_fixes, plan
from threatdelta.remediation.run import ProvenFix
from threatdelta.sources import ReadLimits

EXIT_OK, EXIT_NOT_FIXED = 0, 1
_THREAT_ID = re.compile(r"^th-[0-9a-f]+$")


def add_fix_parser(sub: argparse._SubParsersAction[Any], default_bytes: int) -> None:
    p = sub.add_parser("fix", help="print or apply the proven patches of threats")
    p.add_argument(
        "targets",
        nargs="*",
        metavar="THREAT_ID ... [PATH]",
        help="threat ids (default: every threat with a proven patch), then the repository "
        "folder (default .)",
    )
    p.add_argument("--apply", action="store_true", help="write the patches to the work tree")
    p.add_argument("--only", choices=("safe", "unsafe"), help="only patches of this kind")
    p.add_argument("--force", action="store_true", help="also patch files with git changes")
    p.add_argument("--max-file-bytes", type=int, default=default_bytes)


def _split_targets(targets: list[str]) -> tuple[tuple[str, ...], Path]:
    ids = tuple(t for t in targets if _THREAT_ID.match(t))
    others = [t for t in targets if not _THREAT_ID.match(t)]
    if len(others) > 1:
        raise UsageError(f"one repository folder expected, got {others} (threat ids: th-...)")
    root = Path(others[0] if others else ".")
    if not root.is_dir():
        raise UsageError(f"not a folder nor a threat id: {root}")
    return ids, root


def _label(threat: Threat) -> str:
    return f"{threat.id} {threat.rule_id} {threat.title}"


def _print_fix(fix: ProvenFix) -> None:
    found = fix.threat.fix
    sys.stdout.write(f"# {_label(fix.threat)} [{fix.patch.applicability}, {fix.patch.family}]\n")
    sys.stdout.write(f"# {fix.patch.summary}\n")
    if fix.patch.guidance:
        sys.stdout.write(f"# check: {fix.patch.guidance}\n")
    sys.stdout.write((found.patch if found and found.patch else "") + "\n")


def _missing(unknown: tuple[str, ...], unfixed: list[Threat] | tuple[Threat, ...]) -> int:
    for threat_id in unknown:
        sys.stderr.write(
            f"threatdelta fix: unknown threat id {threat_id} "
            "(`threatdelta scan` lists the ids of this revision)\n"
        )
    for threat in unfixed:
        sys.stderr.write(f"threatdelta fix: no proven patch for {_label(threat)}\n")
    return len(unknown) + len(unfixed)


def _print_plan(found: Plan) -> int:
    for fix in found.fixes:
        _print_fix(fix)
    sys.stderr.write(f"threatdelta fix: {len(found.fixes)} proven patch(es)\n")
    return EXIT_NOT_FIXED if _missing(found.unknown, found.unfixed) else EXIT_OK


def _report_apply(outcome: ApplyOutcome) -> int:
    if not outcome.in_git:
        sys.stderr.write(
            "threatdelta fix: not a git repository: files are written without a dirty check\n"
        )
    for fix in outcome.applied:
        sys.stdout.write(f"applied {_label(fix.threat)}: {', '.join(sorted(fix.patched))}\n")
    for threat in outcome.resolved:
        sys.stdout.write(f"resolved by another patch {_label(threat)}\n")
    for threat, reason in outcome.refused:
        sys.stdout.write(f"not applied {_label(threat)}: {reason}\n")
    missing = _missing(outcome.unknown, outcome.unfixed)
    sys.stderr.write(f"threatdelta fix: {len(outcome.applied)} patch(es) applied\n")
    return EXIT_NOT_FIXED if missing or outcome.refused else EXIT_OK


def run_fix(args: argparse.Namespace) -> int:
    if args.max_file_bytes <= 0:
        raise UsageError("--max-file-bytes must be positive")
    ids, root = _split_targets(list(args.targets))
    options = FixOptions(
        ids=ids,
        only=Applicability(args.only) if args.only else None,
        force=args.force,
        limits=ReadLimits(max_file_bytes=args.max_file_bytes),
    )
    if args.apply:
        return _report_apply(apply_fixes(root, options))
    return _print_plan(plan(root, options))
