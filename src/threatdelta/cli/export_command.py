"""`threatdelta export --format otm|threat-dragon`: scan a repository and write its merged
model (elements, flows, boundaries, rule threats with their register status, imported
threats with theirs) in another threat-modelling tool's format.

`--format csv|json`: the register for trackers, one row per threat with its triage status
from `.threatdelta/register.yaml` (justification, owner, ticket, who decided, expiry)."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from threatdelta.errors import UsageError
from threatdelta.exporters.otm import render_otm
from threatdelta.exporters.projection import DfdView, project
from threatdelta.exporters.register_csv import render_register_csv
from threatdelta.exporters.register_json import render_register_json
from threatdelta.exporters.register_rows import dfd_statuses
from threatdelta.exporters.threat_dragon import render_threat_dragon
from threatdelta.github.base_config import rule_policies_in
from threatdelta.pipeline import scan
from threatdelta.report import ScanReport
from threatdelta.sources import ReadLimits

EXIT_OK = 0
EXPORT_FORMATS: dict[str, Callable[[DfdView], str]] = {
    "otm": render_otm,
    "threat-dragon": render_threat_dragon,
}
REGISTER_FORMATS: dict[str, Callable[[ScanReport], str]] = {
    "csv": render_register_csv,
    "json": render_register_json,
}


def add_export_parser(sub: argparse._SubParsersAction[Any], default_bytes: int) -> None:
    p = sub.add_parser(
        "export",
        help="write the merged model as OTM or Threat Dragon v2 JSON, or the register with "
        "each threat's triage status as CSV or JSON",
    )
    p.add_argument("path", nargs="?", default=".", help="repository folder (default .)")
    p.add_argument("--format", choices=sorted({*EXPORT_FORMATS, *REGISTER_FORMATS}), required=True)
    p.add_argument("--output", "-o", help="write the model to this file instead of stdout")
    p.add_argument("--title", help="the model's title (default: the folder's name)")
    p.add_argument("--max-file-bytes", type=int, default=default_bytes)


def run_export(args: argparse.Namespace, emit: Callable[[str, str | None], None]) -> int:
    if args.max_file_bytes <= 0:
        raise UsageError("--max-file-bytes must be positive")
    root = Path(args.path)
    if not root.is_dir():
        raise UsageError(f"not a folder: {args.path}")
    limits = ReadLimits(max_file_bytes=args.max_file_bytes)
    if args.format in REGISTER_FORMATS:
        report = scan(root, limits=limits, fixes=False, policies=rule_policies_in(root))
        emit(REGISTER_FORMATS[args.format](report), args.output)
        return EXIT_OK
    report = scan(root, limits=limits, policies=rule_policies_in(root))
    title = args.title or root.resolve().name or "threat model"
    view = project(report.model, report.threats, title, dfd_statuses(report))
    emit(EXPORT_FORMATS[args.format](view), args.output)
    if view.left_out:
        sys.stderr.write(
            f"threatdelta: {view.left_out} threat(s) on elements a data-flow diagram cannot "
            "show were left out\n"
        )
    return EXIT_OK
