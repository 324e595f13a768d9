"""Measure `threatdelta scan` on a synthetic repository: files/s, endpoints/s, peak RSS.

Each run is `threatdelta scan REPO --format json -o /dev/null` in a child process, pinned to
one core with `taskset -c 0` when available. Wall time is measured around the child; peak RSS
is the child's own `ru_maxrss` from `os.wait4`. One untimed warm-up run writes the JSON
register to count files and endpoints. Medians are printed beside the targets; the exit
status is 1 when a target is missed.

    python benchmarks/bench_scan.py [--repo DIR] [--runs 5] [--files 1000] [--seed 7]
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from bench_bytecode import precompile
from generate_synthetic import generate

TARGET_FILES_PER_SECOND = 200.0
TARGET_PEAK_RSS_MB = 500.0
DEFAULT_REPO = Path(__file__).resolve().parent / "out" / "synthetic"


@dataclass(frozen=True)
class Run:
    seconds: float
    peak_rss_mb: float
    cpu_seconds: float = 0.0  # user + system time of the child (and the children it waited for)


def scan_command(repo: Path, output: str) -> list[str]:
    """The console script next to this interpreter, else `python -m threatdelta`; pinned to
    core 0 when taskset exists."""
    script = Path(sys.executable).with_name("threatdelta")
    base = [str(script)] if script.exists() else [sys.executable, "-m", "threatdelta"]
    command = [*base, "scan", str(repo), "--format", "json", "-o", output]
    taskset = shutil.which("taskset")
    return [taskset, "-c", "0", *command] if taskset else command


def run_once(command: list[str]) -> Run:
    with tempfile.TemporaryFile() as errors:
        start = time.perf_counter()
        child = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=errors)
        _, status, usage = os.wait4(child.pid, 0)
        seconds = time.perf_counter() - start
        child.returncode = os.waitstatus_to_exitcode(status)
        if child.returncode != 0:
            errors.seek(0)
            text = errors.read().decode("utf-8", "replace")
            raise SystemExit(f"scan failed with exit code {child.returncode}:\n{text}")
    # ru_maxrss is in kilobytes on Linux (bytes on macOS).
    divisor = 1024 * 1024 if sys.platform == "darwin" else 1024
    cpu = usage.ru_utime + usage.ru_stime
    return Run(seconds=seconds, peak_rss_mb=usage.ru_maxrss / divisor, cpu_seconds=cpu)


def count_register(repo: Path) -> tuple[int, int, int]:
    """Files read, endpoints and threats, from one JSON register (also the warm-up run)."""
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "register.json"
        run_once(scan_command(repo, str(out)))
        doc = json.loads(out.read_text(encoding="utf-8"))
    endpoints = sum(1 for e in doc["elements"] if e["kind"] == "endpoint")
    return doc["stats"]["files_read"], endpoints, len(doc["threats"])


def report(files: int, endpoints: int, runs: list[Run]) -> bool:
    seconds = statistics.median(r.seconds for r in runs)
    rss = statistics.median(r.peak_rss_mb for r in runs)
    files_per_s, endpoints_per_s = files / seconds, endpoints / seconds
    fast_enough = files_per_s >= TARGET_FILES_PER_SECOND
    small_enough = rss < TARGET_PEAK_RSS_MB
    rows = (
        ("wall time (s)", f"{seconds:.2f}", "", ""),
        ("files/s", f"{files_per_s:.0f}", f">= {TARGET_FILES_PER_SECOND:.0f}", fast_enough),
        ("endpoints/s", f"{endpoints_per_s:.0f}", "", ""),
        ("peak RSS (MB)", f"{rss:.0f}", f"< {TARGET_PEAK_RSS_MB:.0f}", small_enough),
    )
    print(f"median of {len(runs)} runs: {files} files, {endpoints} endpoints")
    print(f"{'metric':<15} {'median':>8}  {'target':<8} result")
    for name, value, target, ok in rows:
        verdict = "" if ok == "" else ("ok" if ok else "MISSED")
        print(f"{name:<15} {value:>8}  {target:<8} {verdict}")
    spread = ", ".join(f"{r.seconds:.2f}s/{r.peak_rss_mb:.0f}MB" for r in runs)
    print(f"runs: {spread}")
    return fast_enough and small_enough


def main(argv: list[str] | None = None) -> int:
    precompile()
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repo", type=Path, help="repository to scan (default: generate one)")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--files", type=int, default=1000, help="size of a generated repo")
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args(argv)
    repo = args.repo
    if repo is None:
        repo = DEFAULT_REPO
        if repo.exists():
            shutil.rmtree(repo)
        made = generate(repo, args.files, args.seed)
        print(f"generated {repo}: {made.files} files, {made.endpoints} endpoints")
    files, endpoints, threats = count_register(repo)
    print(f"register: {files} files read, {endpoints} endpoints, {threats} threats")
    runs = [run_once(scan_command(repo, os.devnull)) for _ in range(args.runs)]
    return 0 if report(files, endpoints, runs) else 1


if __name__ == "__main__":
    sys.exit(main())
