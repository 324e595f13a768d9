"""Command line: `threatdelta scan`, `diff`, `demo`, `ci`, `export`, `fix`, `rules`, `schema`,
`triage`."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from pathlib import Path

from threatdelta import __version__
from threatdelta.cli.ci_command import add_ci_parser, run_ci_command
from threatdelta.cli.collector import rare_full_collections
from threatdelta.cli.demo import add_demo_parser, run_demo
from threatdelta.cli.diff_command import add_diff_parser, run_diff
from threatdelta.cli.export_command import add_export_parser, run_export
from threatdelta.cli.fix_command import add_fix_parser, run_fix
from threatdelta.cli.llm_options import (
    add_llm_arguments,
    analysed_by_llm,
    counts_for_gate,
    llm_settings,
)
from threatdelta.cli.triage_command import add_triage_parser, run_triage
from threatdelta.errors import ThreatdeltaError, UsageError
from threatdelta.findings.threat import Severity
from threatdelta.github.base_config import rule_policies_in
from threatdelta.pipeline import scan
from threatdelta.register.schema import RegisterFile
from threatdelta.report import RuleInfo
from threatdelta.reporters.register_format import RegisterDocument
from threatdelta.reporters.registry import SCAN_FORMATS
from threatdelta.reporters.sarif import render_sarif
from threatdelta.reporters.sarif_fingerprints import line_hashes_for_repository
from threatdelta.rules.catalogue import catalogue
from threatdelta.rules.registry import RULES
from threatdelta.sources import ReadLimits

EXIT_OK, EXIT_THREATS, EXIT_USAGE = 0, 1, 2
FAIL_ON_CHOICES = ("none", *(s.value for s in Severity))


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # type: ignore[override]
        raise UsageError(message)


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="threatdelta", description="Continuous STRIDE threat modelling.")
    parser.add_argument("--version", action="version", version=f"threatdelta {__version__}")
    sub = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)
    p_scan = sub.add_parser("scan", help="threat-model a whole repository")
    p_scan.add_argument("path", nargs="?", default=".", help="repository folder (default .)")
    p_scan.add_argument("--format", choices=sorted(SCAN_FORMATS), default="text")
    p_scan.add_argument("--output", "-o", help="write the report to this file instead of stdout")
    p_scan.add_argument(
        "--fail-on",
        choices=FAIL_ON_CHOICES,
        default="none",
        help="exit 1 when a threat at or above this severity exists",
    )
    p_scan.add_argument("--max-file-bytes", type=int, default=ReadLimits().max_file_bytes)
    p_scan.add_argument(
        "--no-fixes", action="store_true", help="do not propose and prove patches for threats"
    )
    add_llm_arguments(p_scan)
    p_rules = sub.add_parser("rules", help="list the rule catalogue")
    p_rules.add_argument("--format", choices=("text", "json", "markdown"), default="text")
    add_diff_parser(sub, FAIL_ON_CHOICES, ReadLimits().max_file_bytes)
    add_demo_parser(sub)
    add_ci_parser(sub)
    add_export_parser(sub, ReadLimits().max_file_bytes)
    add_fix_parser(sub, ReadLimits().max_file_bytes)
    add_triage_parser(sub)
    p_schema = sub.add_parser("schema", help="print the JSON Schema of the threat register")
    p_schema.add_argument(
        "--register-file",
        action="store_true",
        help="the schema of the register file .threatdelta/register.yaml instead",
    )
    return parser


def _emit(text: str, output: str | None) -> None:
    if output:
        Path(output).write_text(text, encoding="utf-8")
    else:
        sys.stdout.write(text)


def _cmd_scan(args: argparse.Namespace) -> int:
    if args.max_file_bytes <= 0:
        raise UsageError("--max-file-bytes must be positive")
    limits = ReadLimits(max_file_bytes=args.max_file_bytes)
    settings = llm_settings(args)
    policies = rule_policies_in(Path(args.path))
    report = scan(Path(args.path), limits=limits, fixes=not args.no_fixes, policies=policies)
    report = analysed_by_llm(report, args, settings, limits)
    if args.format == "sarif":  # GitHub's line hashes need the files: read here, at the edge
        hashes = line_hashes_for_repository(report, Path(args.path), args.max_file_bytes)
        text = render_sarif(report, hashes)
    else:
        text = SCAN_FORMATS[args.format](report)
    _emit(text, args.output)
    if args.fail_on == "none":
        return EXIT_OK
    threshold = Severity(args.fail_on).rank
    suppressed = report.triage.suppressed_ids()  # accepted, mitigated, false positive
    hit = any(
        t.severity.rank >= threshold and t.id not in suppressed
        for t in report.threats
        if counts_for_gate(t, settings)
    )
    return EXIT_THREATS if hit else EXIT_OK


def _rules_markdown(infos: Sequence[RuleInfo]) -> str:
    head = [
        "# Rule catalogue",
        "",
        "Generated by `threatdelta rules --format markdown` from the rule modules; do not edit.",
        "",
        "| id | name | STRIDE | severity (CVSS 3.1) | title |",
        "| --- | --- | --- | --- | --- |",
    ]
    head += [
        f"| [{i.id}](#{i.id.lower()}-{i.name}) | `{i.name}` | {''.join(i.stride)} | "
        f"{i.severity} ({i.score}) | {i.title} |"
        for i in infos
    ]
    return "\n".join(head) + "\n\n" + "\n".join(i.help_markdown for i in infos)


def _cmd_rules(args: argparse.Namespace) -> int:
    infos = catalogue(RULES)
    if args.format == "json":
        text = json.dumps([i.model_dump(exclude={"help_markdown"}) for i in infos], indent=2)
    elif args.format == "markdown":
        text = _rules_markdown(infos)
    else:
        text = "\n".join(
            f"{i.id}  {i.severity:<8} {''.join(i.stride):<3} {i.name}: {i.title}" for i in infos
        )
    sys.stdout.write(text + "\n")
    return EXIT_OK


def _cmd_schema(args: argparse.Namespace) -> int:
    document = RegisterFile if args.register_file else RegisterDocument
    sys.stdout.write(json.dumps(document.model_json_schema(), indent=2) + "\n")
    return EXIT_OK


def main(argv: Sequence[str] | None = None) -> int:
    commands = {
        "scan": _cmd_scan,
        "diff": lambda args: run_diff(args, _emit),
        "demo": lambda args: run_demo(args, _emit),
        "ci": run_ci_command,
        "export": lambda args: run_export(args, _emit),
        "fix": run_fix,
        "rules": _cmd_rules,
        "schema": _cmd_schema,
        "triage": run_triage,
    }
    try:
        args = build_parser().parse_args(argv)
        with rare_full_collections():
            return commands[args.command](args)
    except ThreatdeltaError as exc:
        sys.stderr.write(f"threatdelta: error: {exc}\n")
        return EXIT_USAGE
