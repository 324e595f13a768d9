"""Fix rate of the fix families on the fixture applications, and the cost of the proofs.

For every folder under fixtures/ that has a README: scans it, proposes and proves a patch for
every threat, and counts the threats whose rule declares a fix (`RuleSpec.fix` SAFE or
UNSAFE) and those of them with a proven patch. Prints the rate per fixture and overall beside
the target (at least 90%), with the scan time and the time spent proposing and proving.

Then, on a temporary copy of each fixture: `threatdelta fix --apply --only safe` followed by
a scan without patches, printing the threats before and after, how many of the safe-patched
threats are gone and how many threats are new (none may be).

Exit status 1 when the rate is below the target, a safe-patched threat survives or a new
threat appears.

    python benchmarks/bench_fix_rate.py [--fixtures fixtures] [--no-apply]
"""

from __future__ import annotations

import argparse
import contextlib
import io
import shutil
import sys
import tempfile
import time
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from threatdelta.cli.main import main
from threatdelta.findings.threat import Applicability, Threat
from threatdelta.pipeline import scan, scan_with_inputs
from threatdelta.remediation.proof import threat_key
from threatdelta.remediation.registry import default_families
from threatdelta.remediation.run import remediate
from threatdelta.rules.registry import RULES
from threatdelta.rules.spec import FixAvailability

TARGET = 0.90
FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"
DECLARED = frozenset({FixAvailability.SAFE, FixAvailability.UNSAFE})


@dataclass(frozen=True)
class Rate:
    name: str
    threats: int
    declared: int
    proven: int
    missing: tuple[str, ...]  # declared threats without a proven patch, as file:line rule
    served: int  # threats of display-only rules a family can still patch in some repositories
    served_proven: int
    safe_keys: frozenset[tuple[str, str, str]]
    scan_s: float
    proof_s: float


def declaring_rules() -> frozenset[str]:
    return frozenset(rule.SPEC.id for rule in RULES if rule.SPEC.fix in DECLARED)


def served_rules(declaring: frozenset[str]) -> frozenset[str]:
    """Rules that declare no fix (the change depends on the repository, e.g. an existing
    guard) but that a fix family serves where it can."""
    return frozenset(r for f in default_families() for r in f.rules) - declaring


def _where(threat: Threat) -> str:
    loc = threat.evidence[0].location
    return f"{loc.path}:{loc.start_line} {threat.rule_id}"


def measure(folder: Path, declaring: frozenset[str]) -> Rate:
    start = time.perf_counter()
    report, inputs = scan_with_inputs(folder)
    scanned = time.perf_counter()
    done = remediate(report, inputs)
    proved = time.perf_counter()
    fixed = {f.threat.id for f in done.fixes}
    declared = [t for t in report.threats if t.rule_id in declaring]
    served = [t for t in report.threats if t.rule_id in served_rules(declaring)]
    safe = frozenset(
        threat_key(f.threat) for f in done.fixes if f.patch.applicability is Applicability.SAFE
    )
    return Rate(
        name=folder.name,
        threats=len(report.threats),
        declared=len(declared),
        proven=sum(1 for t in declared if t.id in fixed),
        missing=tuple(_where(t) for t in declared if t.id not in fixed),
        served=len(served),
        served_proven=sum(1 for t in served if t.id in fixed),
        safe_keys=safe,
        scan_s=scanned - start,
        proof_s=proved - scanned,
    )


def _pairs(threats: tuple[Threat, ...]) -> Counter[tuple[str, str]]:
    return Counter((t.rule_id, t.element) for t in threats)


def apply_safe(folder: Path, rate: Rate) -> bool:
    """`fix --apply --only safe` on a copy, then a scan; prints the counts; True when every
    safe-patched threat is gone and nothing new appeared."""
    with tempfile.TemporaryDirectory(prefix="td-fix-") as tmp:
        copy = Path(tmp) / folder.name
        shutil.copytree(folder, copy, symlinks=True)
        before = scan(copy, fixes=False).threats
        with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
            status = main(["fix", "--apply", "--only", "safe", str(copy)])
        after = scan(copy, fixes=False).threats
    left = Counter(threat_key(t) for t in after)
    survivors = sum(1 for key in rate.safe_keys if left[key])
    old, new = _pairs(before), _pairs(after)
    appeared = sum(max(0, n - old[p]) for p, n in new.items())
    print(
        f"  apply --only safe: exit {status}, {len(rate.safe_keys)} safe patches, threats "
        f"{len(before)} -> {len(after)}, safe-patched still there: {survivors}, new: {appeared}"
    )
    return survivors == 0 and appeared == 0


def fixture_folders(root: Path) -> list[Path]:
    return sorted(p for p in root.iterdir() if p.is_dir() and (p / "README.md").exists())


def run(root: Path, apply: bool) -> int:
    declaring = declaring_rules()
    print(f"rules declaring a fix: {len(declaring)} ({', '.join(sorted(declaring)) or 'none'})")
    rates: list[Rate] = []
    clean = True
    for folder in fixture_folders(root):
        rate = measure(folder, declaring)
        rates.append(rate)
        share = f"{rate.proven / rate.declared:.0%}" if rate.declared else "n/a"
        print(
            f"{rate.name:<20} threats {rate.threats:>3}  declared {rate.declared:>3}  proven "
            f"{rate.proven:>3}  rate {share:>4}  scan {rate.scan_s:.2f}s  "
            f"propose+prove {rate.proof_s:.2f}s"
        )
        for where in rate.missing:
            print(f"  no proven patch: {where}")
        if apply:
            clean = apply_safe(folder, rate) and clean
    declared = sum(r.declared for r in rates)
    proven = sum(r.proven for r in rates)
    overall = proven / declared if declared else 0.0
    proof_s = sum(r.proof_s for r in rates)
    print(f"overall: {proven}/{declared} = {overall:.1%} (target >= {TARGET:.0%})")
    served = sum(r.served for r in rates)
    served_proven = sum(r.served_proven for r in rates)
    print(
        f"display-only rules a family serves where the repository allows "
        f"({', '.join(sorted(served_rules(declaring)))}): {served_proven}/{served} patched "
        "(not in the rate: e.g. no guard to reuse, so no fix is known)"
    )
    print(f"propose+prove: {proof_s:.2f}s in all, scans {sum(r.scan_s for r in rates):.2f}s")
    return 0 if overall >= TARGET and clean else 1


def parse_args(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--fixtures", type=Path, default=FIXTURES)
    parser.add_argument("--no-apply", action="store_true", help="skip the apply-and-rescan check")
    return parser.parse_args(argv)


if __name__ == "__main__":
    args = parse_args(sys.argv[1:])
    sys.exit(run(args.fixtures, apply=not args.no_apply))
