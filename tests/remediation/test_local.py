"""The analysed side models of local proofs are linked and ruled once per set of files in
one remediation run, and are the models a fresh link gives."""

from __future__ import annotations

from pathlib import Path

from toy_families import APP

from threatdelta.diff.incremental import link_side
from threatdelta.engine import run_rules
from threatdelta.pipeline import scan_with_inputs
from threatdelta.remediation.local import LocalProofs, context_of


def test_two_proofs_on_one_file_share_its_analysed_side_model(tmp_path: Path) -> None:
    (tmp_path / "app.py").write_text(APP, encoding="utf-8")
    (tmp_path / "other.py").write_text("VALUE = 1\n", encoding="utf-8")
    report, inputs = scan_with_inputs(tmp_path)
    context = context_of(inputs, report.model)
    local = LocalProofs(inputs, context)
    first, _ = local.link_base({"app.py": list(inputs.fragments.get("app.py", ()))})
    again, _ = local.link_base({"app.py": list(inputs.fragments.get("app.py", ()))})
    both, _ = local.link_base({p: list(inputs.fragments.get(p, ())) for p in inputs.files})
    assert again is first
    assert both is not first
    fresh, _ = link_side(context, {"app.py": list(inputs.fragments.get("app.py", ()))}, set())
    assert first == fresh


def test_an_analysed_side_model_is_ruled_once(tmp_path: Path) -> None:
    (tmp_path / "app.py").write_text(APP, encoding="utf-8")
    report, inputs = scan_with_inputs(tmp_path)
    local = LocalProofs(inputs, context_of(inputs, report.model))
    model, _ = local.link_base({"app.py": list(inputs.fragments.get("app.py", ()))})
    threats = local.base_threats(model)
    assert threats, "the toy app has a threat to rule"
    assert local.base_threats(model) is threats
    assert threats == tuple(run_rules(model, inputs.rules)[0])


def test_a_seeded_analysed_side_is_used_as_it_is(tmp_path: Path) -> None:
    (tmp_path / "app.py").write_text(APP, encoding="utf-8")
    (tmp_path / "other.py").write_text("VALUE = 1\n", encoding="utf-8")
    report, inputs = scan_with_inputs(tmp_path)
    context = context_of(inputs, report.model)
    full = {"app.py": list(inputs.fragments.get("app.py", ()))}
    model, notes = link_side(context, full, set())
    threats = tuple(run_rules(model, inputs.rules)[0])
    local = LocalProofs(inputs, context)
    local.seed(frozenset(full), model, notes, threats)
    linked, _ = local.link_base(full)
    assert linked is model
    assert local.base_threats(linked) is threats


def test_a_proof_preloads_the_files_an_earlier_side_with_its_file_was_linked_with(
    tmp_path: Path,
) -> None:
    (tmp_path / "app.py").write_text(APP, encoding="utf-8")
    (tmp_path / "other.py").write_text("VALUE = 1\n", encoding="utf-8")
    report, inputs = scan_with_inputs(tmp_path)
    local = LocalProofs(inputs, context_of(inputs, report.model))
    assert local.preload(frozenset({"app.py"})) == set()
    local.record({"app.py", "other.py"})
    assert local.preload(frozenset({"app.py"})) == {"other.py"}
    assert local.preload(frozenset({"other.py", "third.py"})) == set()
