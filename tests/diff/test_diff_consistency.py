"""The same answer however `threatdelta diff` is run: cold, warm, shared or corrupt cache;
refs given as branches, tags or commit ids; and in agreement with full scans of base and
head (the delta by stable id, the SARIF of the complete head register)."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

import pytest
from scenarios import catalogue, flask_shop
from scenarios.builder import (
    PullRequest,
    apply_change,
    assert_not_relevant,
    changes,
    run_cli,
    run_diff,
)
from scenarios.catalogue import FEEDBACK

from threatdelta.cli.main import EXIT_OK
from threatdelta.pipeline import scan
from threatdelta.reporters.sarif_results import THREAT_FINGERPRINT

# -- refs and history shapes ---------------------------------------------------------------


def test_mode_change_only_is_not_relevant(tmp_path: Path) -> None:
    repo = catalogue.Scenario("chmod", flask_shop.FILES, PullRequest()).build(tmp_path)
    (repo.path / "shop/app.py").chmod(0o755)
    repo.builder.commit("make the app executable")
    run = run_diff(repo)
    assert run.exit_code == EXIT_OK, run.stderr
    assert_not_relevant(run.doc)
    assert [f["path"] for f in run.doc["changed_files"]] == ["shop/app.py"]


def test_branch_that_merged_main_back_shows_only_its_own_change(tmp_path: Path) -> None:
    repo = catalogue.NEW_ENDPOINT.build(tmp_path)
    builder = repo.builder
    builder.checkout("main")
    builder.write("shop/views/accounts.py", flask_shop.ACCOUNTS.replace("202", "200"))
    main_tip = builder.commit("main moves on")
    builder.checkout("feature")
    builder.git.merge("-q", "--no-edit", "main")
    run = run_diff(repo)
    assert run.exit_code == EXIT_OK, run.stderr
    doc = run.doc
    assert doc["merge_base"] == main_tip == doc["base_commit"]
    assert [f["path"] for f in doc["changed_files"]] == ["shop/app.py"]
    assert changes(doc) == {FEEDBACK: "added"}
    assert doc["notifications"] == []


def test_tag_and_commit_id_work_as_refs(tmp_path: Path) -> None:
    repo = catalogue.NEW_ENDPOINT.build(tmp_path)
    repo.builder.git.tag("v1.0", repo.base)
    repo.builder.checkout("main")  # the head is named explicitly, not taken from HEAD
    run = run_diff(repo, "--head", repo.head, base="v1.0")
    assert run.exit_code == EXIT_OK, run.stderr
    doc = run.doc
    assert (doc["base"], doc["head"]) == ("v1.0", repo.head)
    assert (doc["base_commit"], doc["head_commit"]) == (repo.base, repo.head)
    assert changes(doc) == {FEEDBACK: "added"}


# -- cache and the complete head register ---------------------------------------------------


def test_warm_cache_gives_byte_identical_json_to_a_cold_run(tmp_path: Path) -> None:
    repo = catalogue.NEW_ENDPOINT.build(tmp_path)
    cache = tmp_path / "cache"
    cold = run_diff(repo, "--no-cache", output=tmp_path / "cold.json", cache_dir=cache)
    assert cold.exit_code == EXIT_OK, cold.stderr
    assert not cache.exists()  # --no-cache neither reads nor writes it
    filling = run_diff(repo, output=tmp_path / "filling.json", cache_dir=cache)
    assert any(p.is_file() for p in cache.rglob("*"))
    warm = run_diff(repo, output=tmp_path / "warm.json", cache_dir=cache)
    assert warm.exit_code == EXIT_OK, warm.stderr
    assert filling.output.read_bytes() == cold.output.read_bytes()
    assert warm.output.read_bytes() == cold.output.read_bytes()


def test_cache_shared_by_several_pull_requests_never_changes_their_results(
    tmp_path: Path,
) -> None:
    """Three branches off the same main, diffed one after another with one cache, give
    what each gives without a cache."""
    repo = catalogue.NEW_ENDPOINT.build(tmp_path)  # branch `feature`
    builder = repo.builder
    branches = {"feature": catalogue.NEW_ENDPOINT}
    for name, scenario in (
        ("move-profile", catalogue.ROUTE_MOVED),
        ("loosen-auth", catalogue.AUTH_DECORATOR_CHANGED),
    ):
        builder.checkout("main")
        builder.branch(name)
        apply_change(builder, scenario.pr)
        builder.commit(name)
        branches[name] = scenario
    cache = tmp_path / "shared-cache"
    for name in [*branches, *branches]:  # twice: cold, then warm
        builder.checkout(name)
        shared = run_diff(repo, output=tmp_path / f"{name}.json", cache_dir=cache)
        alone = run_diff(repo, "--no-cache", output=tmp_path / f"{name}-alone.json")
        assert shared.output.read_bytes() == alone.output.read_bytes(), name


def test_default_cache_inside_the_repository_leaves_the_work_tree_clean(tmp_path: Path) -> None:
    repo = catalogue.NEW_ENDPOINT.build(tmp_path)
    runs = []
    for name in ("cold.json", "warm.json"):
        output = tmp_path / name
        argv = ["diff", "--base", "main", str(repo.path), "--format", "json", "-o", str(output)]
        runs.append(run_cli(argv, output))
    assert [r.exit_code for r in runs] == [EXIT_OK, EXIT_OK], runs[0].stderr
    assert (repo.path / ".threatdelta" / "cache").is_dir()
    assert repo.builder.git.status("--porcelain", "--untracked-files=all") == ""
    assert runs[1].output.read_bytes() == runs[0].output.read_bytes()
    assert runs[1].doc["notifications"] == []


def test_corrupt_cache_entries_are_rebuilt_without_changing_the_result(tmp_path: Path) -> None:
    repo = catalogue.NEW_ENDPOINT.build(tmp_path)
    cache = tmp_path / "cache"
    cold = run_diff(repo, "--no-cache", output=tmp_path / "cold.json", cache_dir=cache)
    run_diff(repo, output=tmp_path / "filling.json", cache_dir=cache)
    entries = [p for p in cache.rglob("*") if p.is_file()]
    assert entries
    for entry in entries:
        entry.write_bytes(b"\x00not a cache entry{")
    rerun = run_diff(repo, output=tmp_path / "rerun.json", cache_dir=cache)
    assert rerun.exit_code == EXIT_OK, rerun.stderr
    assert rerun.output.read_bytes() == cold.output.read_bytes()


def _results(sarif: dict[str, object]) -> set[tuple[str, str, int]]:
    [run] = sarif["runs"]  # type: ignore[index]
    found = set()
    for result in run["results"]:  # type: ignore[index]
        where = result["locations"][0]["physicalLocation"]
        found.add(
            (result["ruleId"], where["artifactLocation"]["uri"], where["region"]["startLine"])
        )
    return found


def test_sarif_of_a_diff_is_the_complete_head_register(tmp_path: Path) -> None:
    repo = catalogue.NEW_ENDPOINT.build(tmp_path)
    run = run_diff(repo, fmt="sarif")
    assert run.exit_code == EXIT_OK, run.stderr
    results = _results(run.doc)
    rule_ids = {rule for rule, _, _ in results}
    assert {"TD-S001", "TD-D004"} <= rule_ids  # introduced by the change
    assert {"TD-D001", "TD-R002"} <= rule_ids  # unaffected, carried over from the base
    # the same as a full scan of the head checkout
    scan_file = tmp_path / "scan.sarif"
    scan = run_cli(["scan", str(repo.path), "--format", "sarif", "-o", str(scan_file)], scan_file)
    assert scan.exit_code == EXIT_OK, scan.stderr
    assert results == _results(scan.doc)
    # the threats the change introduces are in it under their stable ids
    introduced = {t["id"] for t in run_diff(repo).doc["introduced"]}
    fingerprints = {
        r["partialFingerprints"][THREAT_FINGERPRINT] for r in run.doc["runs"][0]["results"]
    }
    assert introduced and introduced <= fingerprints


# -- every scenario agrees with two full scans ----------------------------------------------


def _scan_ids(folder: Path) -> set[str]:
    return {t.id for t in scan(folder).threats}


def _write_tree(root: Path, files: Mapping[str, str | bytes]) -> Path:
    for rel, content in files.items():
        target = root / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(content.encode() if isinstance(content, str) else content)
    return root


@pytest.mark.parametrize("scenario", catalogue.ALL, ids=lambda s: s.name)
def test_delta_matches_full_scans_of_base_and_head(
    tmp_path: Path, scenario: catalogue.Scenario
) -> None:
    """Introduced = head - base and resolved = base - head, by stable id, as two full scans
    see them; a change that is not relevant leaves the register as it was. (A diff that
    kept the base model of a head file it could not parse is partial by design.)"""
    repo = scenario.build(tmp_path)
    run = run_diff(repo)
    assert run.exit_code == EXIT_OK, run.stderr
    doc = run.doc
    if any(n["code"] == "kept-base-model" for n in doc["notifications"]):
        assert doc["complete"] is False
        return
    base_ids = _scan_ids(_write_tree(tmp_path / "base-tree", scenario.base))
    head_ids = _scan_ids(repo.path)  # the PR branch is checked out and clean
    assert {t["id"] for t in doc["introduced"]} == head_ids - base_ids
    assert {t["id"] for t in doc["resolved"]} == base_ids - head_ids
    assert {t["id"] for t in doc["persisting"]} <= base_ids & head_ids
    if not doc["relevant"]:
        assert head_ids == base_ids
