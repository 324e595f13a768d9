"""The infrastructure fix families on the fixture deployments: every threat of the rules they
serve gets a proven patch, and applying all of them together removes those threats without
adding any (the multi-file cases a single-file remediation case cannot hold: tfvars, locals,
module inputs)."""

from __future__ import annotations

import shutil
from collections import Counter, defaultdict
from pathlib import Path

import pytest

from threatdelta.findings.edit import TextEdit
from threatdelta.pipeline import scan, scan_with_inputs
from threatdelta.remediation.edits import apply_edits
from threatdelta.remediation.families.iac_attribute import IacAttributeFamily
from threatdelta.remediation.families.kubernetes_container import KubernetesContainerFamily
from threatdelta.remediation.families.storage_public_access import StoragePublicAccessFamily
from threatdelta.remediation.families.terraform_network import TerraformSourceRangeFamily
from threatdelta.remediation.run import remediate

FIXTURES = Path(__file__).parents[3] / "fixtures"
FAMILIES = (
    IacAttributeFamily(),
    TerraformSourceRangeFamily(),
    KubernetesContainerFamily(),
    StoragePublicAccessFamily(),
)
SERVED = frozenset().union(*(f.rules for f in FAMILIES))


@pytest.mark.parametrize("fixture", ["terraform-stack", "k8s-compose-deploy", "multi-service"])
def test_every_served_threat_on_the_fixture_is_fixed_and_stays_fixed(
    fixture: str, tmp_path: Path
) -> None:
    root = tmp_path / fixture
    shutil.copytree(FIXTURES / fixture, root)
    report, inputs = scan_with_inputs(root)
    served = [t for t in report.threats if t.rule_id in SERVED]
    assert served, "the fixture has threats of the served rules"
    done = remediate(report, inputs, FAMILIES)
    fixes = [f for f in done.fixes if f.threat.rule_id in SERVED]
    assert {t.id for t in served} == {f.threat.id for f in fixes}
    by_path: defaultdict[str, list[TextEdit]] = defaultdict(list)
    for fix in fixes:
        for edit in fix.patch.edits:
            by_path[edit.path].append(edit)
    for path, edits in by_path.items():
        patched = apply_edits(inputs.files[path].text, edits)
        (root / path).write_text(patched, encoding="utf-8", newline="")
    after = scan(root, fixes=False).threats
    pairs = Counter((t.rule_id, t.element) for t in after)
    before = Counter((t.rule_id, t.element) for t in report.threats)
    assert not [t for t in after if t.rule_id in SERVED]
    assert not [p for p, n in pairs.items() if n > before[p]]


def test_a_tfvars_value_is_patched_where_it_is_set(tmp_path: Path) -> None:
    root = tmp_path / "stack"
    shutil.copytree(FIXTURES / "terraform-stack", root)
    report, inputs = scan_with_inputs(root)
    done = remediate(report, inputs, FAMILIES)
    public = next(f for f in done.fixes if f.threat.rule_id == "TD-I017")
    assert public.patch.edits == (
        TextEdit(path="infra/terraform.tfvars", start=2, end=2, lines=("db_public      = false",)),
    )


def test_a_module_input_is_patched_in_the_calling_module(tmp_path: Path) -> None:
    root = tmp_path / "stack"
    shutil.copytree(FIXTURES / "terraform-stack", root)
    report, inputs = scan_with_inputs(root)
    done = remediate(report, inputs, FAMILIES)
    bucket = next(f for f in done.fixes if f.threat.element.endswith("[module.reports]"))
    assert bucket.patch.edits == (
        TextEdit(path="infra/main.tf", start=21, end=21, lines=('  acl         = "private"',)),
    )
