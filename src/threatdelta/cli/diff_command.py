"""`threatdelta diff`: the threat delta of a change between two commits."""

from __future__ import annotations

import argparse
from collections.abc import Callable
from pathlib import Path
from typing import Any

from threatdelta.cli.llm_options import add_llm_arguments, delta_analysed_by_llm
from threatdelta.cli.llm_options import llm_settings as llm_settings_of
from threatdelta.diff.delta import DeltaReport
from threatdelta.errors import UsageError
from threatdelta.github.base_config import rule_policies_in
from threatdelta.github.gate import failing_threats
from threatdelta.pipeline import diff, read_commit_texts
from threatdelta.reporters.sarif import render_sarif
from threatdelta.reporters.sarif_fingerprints import compute_line_hashes, source_paths
from threatdelta.sources import ReadLimits

EXIT_OK, EXIT_THREATS = 0, 1
DIFF_FORMAT_NAMES = ("text", "markdown", "json", "sarif")


def add_diff_parser(
    sub: argparse._SubParsersAction[Any],
    fail_on_choices: tuple[str, ...],
    default_bytes: int,
) -> None:
    p = sub.add_parser("diff", help="threat delta of a change: what it introduces and resolves")
    p.add_argument("path", nargs="?", default=".", help="folder inside the git repository")
    p.add_argument("--base", required=True, help="base ref (branch, tag or commit)")
    p.add_argument("--head", default="HEAD", help="head ref (default HEAD)")
    p.add_argument("--format", choices=DIFF_FORMAT_NAMES, default="text")
    p.add_argument("--output", "-o", help="write the report to this file instead of stdout")
    p.add_argument(
        "--fail-on",
        choices=fail_on_choices,
        default="none",
        help="exit 1 when the change introduces a threat at or above this severity",
    )
    p.add_argument("--cache-dir", help="cache folder (default .threatdelta/cache in the repo)")
    p.add_argument("--no-cache", action="store_true", help="neither read nor write the cache")
    p.add_argument("--max-file-bytes", type=int, default=default_bytes)
    p.add_argument(
        "--no-fixes", action="store_true", help="do not prove patches for introduced threats"
    )
    add_llm_arguments(p)


def _sarif(report: DeltaReport, repo: Path, max_bytes: int) -> str:
    if report.head_register is None:  # diff() always computes it when asked for SARIF
        raise UsageError("the head register was not computed")
    paths = set(source_paths(report.head_register))
    texts = read_commit_texts(repo, report.head_commit, paths, max_bytes)
    return render_sarif(report.head_register, compute_line_hashes(report.head_register, texts))


def _top_folder(folder: Path) -> Path:
    """The work tree's top folder (where `.threatdelta/` lives) above `folder`."""
    start = folder.resolve()
    return next((p for p in (start, *start.parents) if (p / ".git").exists()), start)


def run_diff(args: argparse.Namespace, emit: Callable[[str, str | None], None]) -> int:
    if args.max_file_bytes <= 0:
        raise UsageError("--max-file-bytes must be positive")
    repo = Path(args.path)
    settings = llm_settings_of(args)
    report = diff(
        repo,
        args.base,
        args.head,
        cache_dir=Path(args.cache_dir) if args.cache_dir else None,
        use_cache=not args.no_cache,
        limits=ReadLimits(max_file_bytes=args.max_file_bytes),
        need_register=True,  # markdown draws the head model, json counts the register
        fixes=not args.no_fixes,
        policies=rule_policies_in(_top_folder(repo)),
    )
    report = delta_analysed_by_llm(report, args, settings)
    if args.format == "sarif":
        text = _sarif(report, repo, args.max_file_bytes)
    else:
        from threatdelta.reporters.delta_registry import DIFF_FORMATS  # noqa: PLC0415

        text = DIFF_FORMATS[args.format](report)
    emit(text, args.output)
    failing = failing_threats(report, args.fail_on, settings.gate_llm_threats)
    return EXIT_THREATS if failing else EXIT_OK
