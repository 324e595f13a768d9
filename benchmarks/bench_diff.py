"""Measure `threatdelta diff` against a cold full scan on a 5,000-file synthetic repository.

Builds a git repository from the synthetic generator (base commit on `main`), a one-endpoint
PR branch (a new unauthenticated Flask endpoint appended to one routes module) and a
docs-only PR branch, then times, as whole child processes pinned to core 0:

- the cold full scan: `threatdelta scan REPO --format json`;
- `threatdelta diff --base main --head pr-endpoint --format json` with a warm cache;
- `threatdelta diff --base main --head pr-docs --format json` with a warm cache;
- for information, the one-endpoint PR with `--no-fixes` (what proving its patches costs).

Targets (median of --runs, interpreter start included): one-endpoint PR at most 2 s and at
most 10% of the cold full scan; docs-only PR at most 1 s. Exit status 1 when one is missed.
The machine's load average is printed before and after, and the children's CPU time
(user + system) beside the wall time: on a shared machine the wall time of a pinned child
grows with the load, its CPU time much less, so a share that differs a lot between the two
was measured on a busy machine.

    python benchmarks/bench_diff.py [--files 5000] [--runs 5] [--seed 7]
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
from pathlib import Path

from bench_bytecode import precompile
from bench_scan import run_once
from generate_synthetic import generate

DEFAULT_REPO = Path(__file__).resolve().parent / "out" / "synthetic-git"
TARGET_ENDPOINT_S = 2.0
TARGET_ENDPOINT_SHARE = 0.10
TARGET_DOCS_S = 1.0

NEW_ENDPOINT = """

@{bp}.route("/bulk-import", methods=["POST"])
def bulk_import():
    rows = request.get_json(force=True)
    return {{"imported": len(rows)}}, 201
"""


def _git(repo: Path, *args: str) -> None:
    subprocess.run(["git", "-C", str(repo), *args], check=True, capture_output=True)


def _flask_routes_module(repo: Path) -> tuple[Path, str]:
    for path in sorted(repo.rglob("routes/*.py")):
        text = path.read_text(encoding="utf-8")
        for line in text.splitlines():
            if "= Blueprint(" in line:
                return path, line.split("=", 1)[0].strip()
    raise SystemExit("the synthetic repository has no Flask routes module")


def build_repository(repo: Path, files: int, seed: int) -> None:
    if repo.exists():
        shutil.rmtree(repo)
    made = generate(repo, files, seed)
    print(f"generated {repo}: {made.files} files, {made.endpoints} endpoints")
    _git(repo, "init", "-q", "-b", "main")
    _git(repo, "config", "user.email", "bench@example.invalid")
    _git(repo, "config", "user.name", "bench")
    _git(repo, "add", "-A")
    _git(repo, "commit", "-q", "-m", "base")
    module, blueprint = _flask_routes_module(repo)
    _git(repo, "checkout", "-q", "-b", "pr-endpoint")
    with module.open("a", encoding="utf-8") as handle:
        handle.write(NEW_ENDPOINT.format(bp=blueprint))
    _git(repo, "commit", "-q", "-am", "add a bulk import endpoint")
    _git(repo, "checkout", "-q", "main")
    _git(repo, "checkout", "-q", "-b", "pr-docs")
    (repo / "docs").mkdir(exist_ok=True)
    (repo / "docs" / "operations.md").write_text("# Operations\n\nRunbook.\n", encoding="utf-8")
    _git(repo, "add", "-A")
    _git(repo, "commit", "-q", "-m", "document operations")
    _git(repo, "checkout", "-q", "main")


def _command(*args: str) -> list[str]:
    script = Path(sys.executable).with_name("threatdelta")
    base = [str(script)] if script.exists() else [sys.executable, "-m", "threatdelta"]
    taskset = shutil.which("taskset")
    return [*([taskset, "-c", "0"] if taskset else []), *base, *args]


def _diff(repo: Path, head: str, output: str) -> list[str]:
    return _command(
        "diff", str(repo), "--base", "main", "--head", head, "--format", "json", "-o", output
    )


def _median(command: list[str], runs: int) -> tuple[float, list[float], float]:
    """Median wall time, the wall times, and the median CPU time of `runs` runs."""
    done = [run_once(command) for _ in range(runs)]
    times = [r.seconds for r in done]
    return statistics.median(times), times, statistics.median(r.cpu_seconds for r in done)


def _load() -> str:
    return "load average " + " ".join(f"{x:.2f}" for x in os.getloadavg())


def main(argv: list[str] | None = None) -> int:
    precompile()
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--files", type=int, default=5000)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--repo", type=Path, default=DEFAULT_REPO)
    args = parser.parse_args(argv)
    build_repository(args.repo, args.files, args.seed)
    print(f"before timing: {_load()}")
    cold, cold_runs, cold_cpu = _median(
        _command("scan", str(args.repo), "--format", "json", "-o", "/dev/null"), args.runs
    )
    with tempfile.TemporaryDirectory() as tmp:
        out = str(Path(tmp) / "delta.json")
        run_once(_diff(args.repo, "pr-endpoint", out))  # warms the cache of the base commit
        endpoint, endpoint_runs, endpoint_cpu = _median(
            _diff(args.repo, "pr-endpoint", out), args.runs
        )
        doc = json.loads(Path(out).read_text(encoding="utf-8"))
        bare, bare_runs, bare_cpu = _median(
            [*_diff(args.repo, "pr-endpoint", out), "--no-fixes"], args.runs
        )
        docs, docs_runs, docs_cpu = _median(_diff(args.repo, "pr-docs", out), args.runs)
    print(f"after timing: {_load()}")
    introduced = sorted({t["rule_id"] for t in doc["introduced"]})
    patched = sorted(t["rule_id"] for t in doc["introduced"] if (t.get("fix") or {}).get("patch"))
    print(
        f"one-endpoint PR: relevant={doc['relevant']}, introduced {introduced}, patched {patched}"
    )
    share = endpoint / cold
    rows = [
        ("cold full scan (s)", cold, "", None),
        ("one-endpoint PR (s)", endpoint, f"<= {TARGET_ENDPOINT_S}", endpoint <= TARGET_ENDPOINT_S),
        (
            "  share of cold scan",
            share,
            f"<= {TARGET_ENDPOINT_SHARE:.0%}",
            share <= TARGET_ENDPOINT_SHARE,
        ),
        ("  without patches (s)", bare, "", None),
        ("docs-only PR (s)", docs, f"<= {TARGET_DOCS_S}", docs <= TARGET_DOCS_S),
    ]
    print(f"median of {args.runs} runs, warm cache for diff, pinned to one core")
    print(f"{'metric':<22} {'median':>8}  {'target':<8} result")
    for name, value, target, ok in rows:
        shown = f"{value:.1%}" if name.strip().startswith("share") else f"{value:.2f}"
        verdict = "" if ok is None else ("ok" if ok else "MISSED")
        print(f"{name:<22} {shown:>8}  {target:<8} {verdict}")
    cpu = (cold_cpu, endpoint_cpu, bare_cpu, docs_cpu)
    print(
        "median CPU time (s): scan {:.2f}, endpoint {:.2f}, without patches {:.2f}, "
        "docs {:.2f}; endpoint share of scan {:.1%}".format(*cpu, endpoint_cpu / cold_cpu)
    )
    for name, times in (
        ("scan", cold_runs),
        ("endpoint", endpoint_runs),
        ("endpoint --no-fixes", bare_runs),
        ("docs", docs_runs),
    ):
        print(f"runs {name}: " + ", ".join(f"{t:.2f}s" for t in times))
    return 0 if all(ok for *_, ok in rows if ok is not None) else 1


if __name__ == "__main__":
    sys.exit(main())
