"""Command line: `threatdelta scan`, `threatdelta rules`, `threatdelta schema`."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from pathlib import Path

from threatdelta import __version__
from threatdelta.errors import ThreatdeltaError, UsageError
from threatdelta.findings.threat import Severity
from threatdelta.pipeline import scan
from threatdelta.reporters.register_format import RegisterDocument
from threatdelta.reporters.registry import SCAN_FORMATS
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
    p_rules = sub.add_parser("rules", help="list the rule catalogue")
    p_rules.add_argument("--format", choices=("text", "json", "markdown"), default="text")
    sub.add_parser("schema", help="print the JSON Schema of the threat register")
    return parser


def _emit(text: str, output: str | None) -> None:
    if output:
        Path(output).write_text(text, encoding="utf-8")
    else:
        sys.stdout.write(text)


def _cmd_scan(args: argparse.Namespace) -> int:
    if args.max_file_bytes <= 0:
        raise UsageError("--max-file-bytes must be positive")
    report = scan(Path(args.path), limits=ReadLimits(max_file_bytes=args.max_file_bytes))
    _emit(SCAN_FORMATS[args.format](report), args.output)
    if args.fail_on == "none":
        return EXIT_OK
    threshold = Severity(args.fail_on).rank
    return EXIT_THREATS if any(t.severity.rank >= threshold for t in report.threats) else EXIT_OK


def _cmd_rules(args: argparse.Namespace) -> int:
    infos = catalogue(RULES)
    if args.format == "json":
        text = json.dumps([i.model_dump(exclude={"help_markdown"}) for i in infos], indent=2)
    elif args.format == "markdown":
        text = "\n".join(i.help_markdown for i in infos)
    else:
        text = "\n".join(
            f"{i.id}  {i.severity:<8} {''.join(i.stride):<3} {i.name}: {i.title}" for i in infos
        )
    sys.stdout.write(text + "\n")
    return EXIT_OK


def _cmd_schema(_: argparse.Namespace) -> int:
    sys.stdout.write(json.dumps(RegisterDocument.model_json_schema(), indent=2) + "\n")
    return EXIT_OK


def main(argv: Sequence[str] | None = None) -> int:
    commands = {"scan": _cmd_scan, "rules": _cmd_rules, "schema": _cmd_schema}
    try:
        args = build_parser().parse_args(argv)
        return commands[args.command](args)
    except ThreatdeltaError as exc:
        sys.stderr.write(f"threatdelta: error: {exc}\n")
        return EXIT_USAGE
