"""Run one remediation case, semgrep style.

A case is `tests/remediation/cases/<family>/<case>.<ext>` (input, at its real extension, with
`# ruleid:` / `// ruleid:` annotations on the threats it is about) and, when a fix must be
offered, `<case>.fixed.<ext>`: the exact expected file after the patch, byte for byte. A case
without a `.fixed` file is a case where no fix may be offered for the annotated threats. An
optional folder `<case>.support/` holds other files scanned with the case (the repository
around it), copied beside the case file.

`run_case` copies the case into a temporary folder, scans it through the real pipeline,
finds each annotated threat, proposes and proves through `remediation.run`, applies the
proven patches, compares with `.fixed`, writes the result, rescans from disk and checks that
the threats are gone and nothing new appeared.
"""

from __future__ import annotations

import shutil
import tempfile
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from annotations import expectations

from threatdelta.findings.threat import Threat
from threatdelta.pipeline import scan, scan_with_inputs
from threatdelta.remediation.base import FixFamily
from threatdelta.remediation.edits import apply_edits
from threatdelta.remediation.run import ProvenFix, remediate

CASES = Path(__file__).parent / "cases"


def fixed_path(case: Path) -> Path:
    """`login.py` -> `login.fixed.py`; `api.dockerfile` -> `api.fixed.dockerfile`."""
    stem, dot, ext = case.name.partition(".")
    return case.with_name(f"{stem}.fixed.{ext}" if dot else f"{stem}.fixed")


def is_case(path: Path) -> bool:
    parts = path.name.split(".")
    return path.is_file() and "fixed" not in parts[1:] and not path.name.startswith(".")


def all_cases() -> list[Path]:
    """Every case under tests/remediation/cases/ (not the `.fixed` files nor support files)."""
    if not CASES.is_dir():
        return []
    return sorted(
        p
        for p in CASES.glob("*/*")
        if is_case(p) and not any(part.endswith(".support") for part in p.parts)
    )


@dataclass(frozen=True)
class CaseResult:
    threats: tuple[Threat, ...]  # the annotated threats
    fixes: tuple[ProvenFix, ...]  # the proven fixes of those threats
    patched: str | None  # the case file after the patches (None when no fix is expected)


def _annotated(root: Path, name: str, threats: tuple[Threat, ...]) -> list[Threat]:
    wanted = [e for e in expectations(root) if e.kind == "ruleid" and e.path == name]
    assert wanted, f"{name}: no `ruleid:` annotation"
    found: list[Threat] = []
    for exp in wanted:
        hits = [
            t
            for t in threats
            if t.rule_id == exp.rule_id
            and t.evidence[0].location.path == exp.path
            and t.evidence[0].location.start_line == exp.line
        ]
        assert hits, f"{name}:{exp.line}: the scan yields no {exp.rule_id} there"
        found.extend(hits)
    return found


def _copy(case: Path, into: Path) -> Path:
    support = case.with_name(case.name.partition(".")[0] + ".support")
    if support.is_dir():
        shutil.copytree(support, into, dirs_exist_ok=True)
    target = into / case.name
    shutil.copyfile(case, target)
    return target


def _pairs(threats: tuple[Threat, ...]) -> Counter[tuple[str, str]]:
    return Counter((t.rule_id, t.element) for t in threats)


def _check_rescan(root: Path, before: tuple[Threat, ...], fixed: list[Threat]) -> None:
    after = scan(root, fixes=False).threats
    old, new = _pairs(before), _pairs(after)
    for threat in fixed:
        pair = (threat.rule_id, threat.element)
        assert new[pair] < old[pair], f"{threat.rule_id} on {threat.element} is still there"
    grown = sorted(p for p, n in new.items() if n > old[p])
    assert not grown, f"the patched code introduces {grown}"


def run_case(case: Path, families: tuple[FixFamily, ...] | None = None) -> CaseResult:
    """Scan, propose, prove, apply, compare with `.fixed`, rescan (see the module doc)."""
    with tempfile.TemporaryDirectory(prefix="td-case-") as tmp:
        root = Path(tmp)
        target = _copy(case, root)
        report, inputs = scan_with_inputs(root)
        annotated = _annotated(root, case.name, report.threats)
        ids = {t.id for t in annotated}
        done = remediate(report, inputs, families)
        fixes = tuple(f for f in done.fixes if f.threat.id in ids)
        expected = fixed_path(case)
        if not expected.exists():
            assert not fixes, f"{case.name}: a fix was offered: {[f.patch.family for f in fixes]}"
            return CaseResult(tuple(annotated), fixes, None)
        missing = sorted(ids - {f.threat.id for f in fixes})
        why = [n.message for n in done.notifications if n.path == case.name]
        assert not missing, f"{case.name}: no proven fix for {missing}; notes: {why}"
        edits = [e for f in fixes for e in f.patch.edits]
        assert {e.path for e in edits} <= {case.name}, "support files are not patched by cases"
        patched = apply_edits(inputs.files[case.name].text, edits)
        assert patched.encode("utf-8") == expected.read_bytes(), (
            f"{case.name}: the patched file differs from {expected.name}:\n{patched}"
        )
        with target.open("w", encoding="utf-8", newline="") as handle:
            handle.write(patched)
        _check_rescan(root, report.threats, annotated)
        return CaseResult(tuple(annotated), fixes, patched)
