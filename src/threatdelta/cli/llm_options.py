"""The AI analyst's command-line options, shared by `scan` and `diff`."""

from __future__ import annotations

import argparse
import os
from collections.abc import Mapping
from pathlib import Path

from threatdelta.diff.delta import DeltaReport
from threatdelta.llm.settings import LlmOverrides, LlmSettings, from_env
from threatdelta.report import ScanReport
from threatdelta.sources import ReadLimits


def add_llm_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--llm",
        action="store_true",
        help="also ask the optional AI analyst (needs ANTHROPIC_API_KEY; sends redacted code "
        "of the analysed elements to the Anthropic API)",
    )
    parser.add_argument("--llm-model", help="model name (default: THREATDELTA_LLM_MODEL or ours)")
    parser.add_argument("--llm-max-calls", type=int, help="API calls per run, retries included")
    parser.add_argument("--llm-max-tokens", type=int, help="input + output tokens per run")
    parser.add_argument(
        "--llm-gate",
        action="store_true",
        help="let threats found by the AI analyst alone count for --fail-on (off by default)",
    )


def llm_settings(args: argparse.Namespace, env: Mapping[str, str] | None = None) -> LlmSettings:
    """The analyst's settings from the flags and the environment (off without `--llm`)."""
    overrides = LlmOverrides(
        enabled=args.llm,
        model=args.llm_model,
        max_calls=args.llm_max_calls,
        max_total_tokens=args.llm_max_tokens,
        gate_llm_threats=args.llm_gate or None,
    )
    return from_env(os.environ if env is None else env, overrides)


def analysed_by_llm(
    report: ScanReport, args: argparse.Namespace, settings: LlmSettings, limits: ReadLimits
) -> ScanReport:
    """`scan`'s report with the analyst's threats when `--llm` is on; unchanged otherwise."""
    if not settings.enabled:
        return report
    from threatdelta.llm.runs import llm_scan  # noqa: PLC0415 (only with --llm)

    return llm_scan(report, Path(args.path), settings, limits=limits)


def delta_analysed_by_llm(
    report: DeltaReport, args: argparse.Namespace, settings: LlmSettings
) -> DeltaReport:
    """`diff`'s report with the analyst's threats on the added and modified elements when
    `--llm` is on; unchanged otherwise."""
    if not settings.enabled:
        return report
    from threatdelta.llm.runs import llm_diff  # noqa: PLC0415 (only with --llm)

    return llm_diff(
        report,
        Path(args.path),
        settings,
        cache_dir=Path(args.cache_dir) if args.cache_dir else None,
        use_cache=not args.no_cache,
        max_bytes=args.max_file_bytes,
    )
