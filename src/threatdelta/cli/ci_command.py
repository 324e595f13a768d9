"""`threatdelta ci`: the GitHub Action's entry point (see `threatdelta.github.ci`).

It takes no options: everything comes from the Actions runner's environment (`GITHUB_*`) and
the action's inputs (`INPUT_*`). A configuration error is also written as an `::error::`
workflow command, so it shows on the run's page and not only in the log."""

from __future__ import annotations

import argparse
import os
import sys
from typing import Any

from threatdelta.errors import ThreatdeltaError


def add_ci_parser(sub: argparse._SubParsersAction[Any]) -> None:
    sub.add_parser(
        "ci",
        help="run as the GitHub Action: reads GITHUB_* variables and INPUT_* action inputs",
        description="Threat-model the pull request or push that started this GitHub Actions "
        "job, publish the results and exit with the gate's verdict.",
    )


def run_ci_command(_: argparse.Namespace) -> int:
    from threatdelta.github.ci import run_ci  # noqa: PLC0415 (PyGithub and git: only here)
    from threatdelta.github.job_summary import escape_data  # noqa: PLC0415

    try:
        return run_ci(os.environ, sys.stdout)
    except ThreatdeltaError as exc:
        sys.stdout.write(f"::error title=threatdelta configuration::{escape_data(str(exc))}\n")
        sys.stdout.flush()
        raise
