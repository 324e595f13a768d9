"""End to end on the fixture applications with the registered families: a git copy,
`threatdelta fix --apply --only safe` through `main`, a rescan. Every threat that had a proven
safe patch is gone and no threat is new."""

from __future__ import annotations

import shutil
from collections import Counter
from pathlib import Path

import pytest
from git_repo import commit_all

from threatdelta.cli.main import main
from threatdelta.findings.threat import Applicability
from threatdelta.pipeline import scan, scan_with_inputs
from threatdelta.remediation.proof import threat_key
from threatdelta.remediation.run import remediate

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures"
APPS = (
    "flask-clinic",
    "express-shop",
    "django-clinic",
    "nest-shop",
    "go-inventory",
    "spring-bank",
    "terraform-stack",
    "k8s-compose-deploy",
    "multi-service",
    "graphql-library",
)


@pytest.mark.parametrize("app", APPS)
def test_fix_apply_only_safe_removes_those_threats_and_adds_none(
    app: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = tmp_path / app
    shutil.copytree(FIXTURES / app, root, symlinks=True)
    commit_all(root)
    report, inputs = scan_with_inputs(root)
    fixes = remediate(report, inputs).fixes
    safe = Counter(
        threat_key(f.threat) for f in fixes if f.patch.applicability is Applicability.SAFE
    )
    status = main(["fix", "--apply", "--only", "safe", str(root)])
    printed = capsys.readouterr()
    assert status == 0, printed.out + printed.err
    after = scan(root, fixes=False).threats
    left = Counter(threat_key(t) for t in after)
    before = Counter(threat_key(t) for t in report.threats)
    survivors = sorted(k for k in safe if left[k] > before[k] - safe[k])
    assert not survivors, f"safe-patched threats still there: {survivors}"
    old = Counter((t.rule_id, t.element) for t in report.threats)
    new = Counter((t.rule_id, t.element) for t in after)
    assert not sorted(p for p, n in new.items() if n > old[p]), "a threat appeared"
    assert sum(old.values()) - sum(new.values()) >= sum(safe.values())
