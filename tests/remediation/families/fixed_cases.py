"""Run one semgrep-style fix case (`<case>.<ext>` beside `<case>.fixed.<ext>`) through the
real pipeline and one family: scan, propose, apply, compare, rescan."""

from __future__ import annotations

import shutil
from collections import Counter
from pathlib import Path

from threatdelta.pipeline import scan
from threatdelta.remediation.base import FixFamily, FixRequest, Patch
from threatdelta.remediation.edits import apply_edits

CASES = Path(__file__).parent.parent / "cases"


def case_files(family: str) -> list[Path]:
    """The input files of a family's cases (not the `.fixed` ones)."""
    return sorted(p for p in (CASES / family).iterdir() if ".fixed." not in p.name)


def fixed_file(case: Path) -> Path | None:
    stem, _, ext = case.name.partition(".")
    fixed = case.with_name(f"{stem}.fixed.{ext}")
    return fixed if fixed.exists() else None


def propose_all(case: Path, family: FixFamily, root: Path) -> list[Patch | None]:
    """Each threat of the family's rules found in the case, scanned alone under `root`."""
    target = root / case.name
    shutil.copyfile(case, target)
    report = scan(root)
    files = {case.name: target.read_text(encoding="utf-8")}
    threats = [t for t in report.threats if t.rule_id in family.rules]
    assert threats, f"no threat of {sorted(family.rules)} in {case.name}"
    return [family.propose(FixRequest(threat=t, model=report.model, files=files)) for t in threats]


def check_fixed_case(case: Path, family: FixFamily, root: Path) -> None:
    """The one patch proposed for the case gives the `.fixed` text, and the rescan no
    longer yields the threat nor adds any other."""
    expected = fixed_file(case)
    assert expected is not None
    before = scan_counts(root, case)
    patches = propose_all(case, family, root)
    assert len(patches) == 1 and patches[0] is not None
    text = (root / case.name).read_text(encoding="utf-8")
    patched = apply_edits(text, patches[0].edits)
    assert patched == expected.read_text(encoding="utf-8")
    (root / case.name).write_text(patched, encoding="utf-8", newline="")
    after = Counter((t.rule_id, t.element) for t in scan(root).threats)
    assert not any(rule in family.rules for rule, _ in after)
    assert all(after[key] <= before[key] for key in after)


def scan_counts(root: Path, case: Path) -> Counter[tuple[str, str]]:
    shutil.copyfile(case, root / case.name)
    return Counter((t.rule_id, t.element) for t in scan(root).threats)
