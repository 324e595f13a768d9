"""The register on a pull request (`pipeline.diff`): the head commit's register applies,
the decisions the change makes are listed with who made them, an acceptance whose code the
change modifies reopens and counts in the gate, and a custom threat the change adds is
introduced."""

from __future__ import annotations

import json
from pathlib import Path

import git
from register_samples import API, API_TEXT, CREATE, CUSTOM_THREAT_YAML, DELETE, scanned, threat_id

from threatdelta.diff.delta import DeltaReport
from threatdelta.findings.threat import ThreatSource
from threatdelta.github.gate import GateVerdict, decide
from threatdelta.github.review_plan import plan_review
from threatdelta.pipeline import diff
from threatdelta.register.apply import CHANGED_NOTE
from threatdelta.register.fingerprint import element_fingerprint
from threatdelta.register.schema import TriageStatus
from threatdelta.register.store import REGISTER_PATH
from threatdelta.reporters.delta_json import render_delta_json
from threatdelta.reporters.delta_markdown import render_delta_markdown

CHANGED_API = API_TEXT.replace("import sqlite3", "import sqlite3\nimport requests").replace(
    '    return jsonify({"ok": True}), 201',
    '    requests.post("http://audit.internal/users", json=body)\n'
    '    return jsonify({"ok": True}), 201',
    1,
)


def _commit(repo: git.Repo, root: Path, files: dict[str, str]) -> str:
    for rel, text in files.items():
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_text(text, encoding="utf-8")
    repo.git.add("-A")
    repo.git.commit("-q", "-m", "change")
    return repo.head.commit.hexsha


def _repo(root: Path) -> git.Repo:
    repo = git.Repo.init(root, initial_branch="main")
    with repo.config_writer() as config:
        config.set_value("user", "name", "Test Author")
        config.set_value("user", "email", "author@example.invalid")
        config.set_value("commit", "gpgsign", "false")
    return repo


def _gate(report: DeltaReport) -> GateVerdict:
    gate = decide(report, fail_on="critical", soft_fail=False, incomplete_conclusion="neutral")
    return gate.verdict


def test_decisions_a_pr_adds_are_listed_with_who_decided(tmp_path: Path) -> None:
    plain = scanned(tmp_path / "plain")
    sqli = threat_id(plain, "TD-T001", CREATE)
    root = tmp_path / "repo"
    repo = _repo(root)
    base = _commit(repo, root, {API: API_TEXT})
    decision = (
        f"decisions:\n  - target: {sqli}\n    status: accepted\n"
        "    justification: <script>x</script> reviewed\n    decided_by: Ada\n"
    )
    head = _commit(repo, root, {REGISTER_PATH: decision})
    report = diff(root, base, head, use_cache=False, fixes=False)
    assert [(c.target, c.before, c.decided_by) for c in report.triage_changes] == [
        (sqli, None, "Ada")
    ]
    assert report.triage.status_of(sqli) is TriageStatus.ACCEPTED
    assert report.relevant  # only the register changed, and the summary must show it
    document = json.loads(render_delta_json(report))
    assert document["triage"]["changes"][0]["after"]["decided_by"] == "Ada"
    text = render_delta_markdown(report)
    assert "## Triage decisions changed by this PR" in text
    assert "decided by Ada" in text
    assert "<script>" not in text


def test_a_change_to_accepted_code_reopens_the_threat_and_fails_the_gate(tmp_path: Path) -> None:
    plain = scanned(tmp_path / "plain")
    sqli = threat_id(plain, "TD-T001", CREATE)
    fingerprint = element_fingerprint(plain.model, CREATE)
    register = (
        f"decisions:\n  - target: {sqli}\n    status: accepted\n    justification: legacy\n"
        f"    element_fingerprint: '{fingerprint}'\n"
    )
    root = tmp_path / "repo"
    repo = _repo(root)
    base = _commit(repo, root, {API: API_TEXT, REGISTER_PATH: register})
    same = diff(root, base, base, use_cache=False, fixes=False)
    assert same.triage.status_of(sqli) is TriageStatus.ACCEPTED

    head = _commit(repo, root, {API: CHANGED_API})
    report = diff(root, base, head, use_cache=False, fixes=False)
    assert sqli not in {t.id for t in report.introduced}
    assert [(e.threat.id, e.note) for e in report.triage.reopened] == [(sqli, CHANGED_NOTE)]
    assert _gate(report) is GateVerdict.FAIL
    assert "code changed since accepted" in render_delta_markdown(report)


def test_a_custom_threat_added_by_the_pr_is_introduced(tmp_path: Path) -> None:
    root = tmp_path / "repo"
    repo = _repo(root)
    base = _commit(repo, root, {API: API_TEXT})
    head = _commit(repo, root, {REGISTER_PATH: CUSTOM_THREAT_YAML})
    report = diff(root, base, head, use_cache=False, fixes=False)
    human = [t for t in report.introduced if t.source is ThreatSource.HUMAN]
    assert [t.title for t in human] == ["Coupon codes can be replayed"]
    assert report.head_register is not None
    assert human[0].id in {t.id for t in report.head_register.threats}


def test_an_introduced_threat_the_pr_accepts_gets_no_inline_comment(tmp_path: Path) -> None:
    without_delete = API_TEXT.split('@app.route("/admin/users')[0]
    with_delete = scanned(tmp_path / "plain")
    accepted = threat_id(with_delete, "TD-S001", DELETE)
    root = tmp_path / "repo"
    repo = _repo(root)
    base = _commit(repo, root, {API: without_delete})
    register = (
        f"decisions:\n  - target: {accepted}\n    status: accepted\n"
        "    justification: behind the admin VPN\n"
    )
    head = _commit(repo, root, {API: API_TEXT, REGISTER_PATH: register})
    report = diff(root, base, head, use_cache=False, fixes=False)
    introduced = {t.id for t in report.introduced}
    assert accepted in introduced and len(introduced) > 1
    plan = plan_review(report, [], head_sha=head, max_inline=20)
    planned = {c.threat.id for c in plan.new}
    assert accepted not in planned
    assert planned == introduced - {accepted}


def test_diff_fail_on_ignores_an_introduced_threat_the_pr_accepts(tmp_path: Path) -> None:
    from threatdelta.cli.main import main

    without_create = "from flask import Flask\n\napp = Flask(__name__)\n"
    sqli = threat_id(scanned(tmp_path / "plain"), "TD-T001", CREATE)
    root = tmp_path / "repo"
    repo = _repo(root)
    base = _commit(repo, root, {API: without_create})
    head = _commit(repo, root, {API: API_TEXT})
    argv = ["diff", str(root), "--base", base, "--head", head, "--no-cache", "--no-fixes"]
    argv += ["--fail-on", "critical", "-o", str(tmp_path / "out.txt")]
    assert main(argv) == 1
    accepted = _commit(
        repo,
        root,
        {
            REGISTER_PATH: f"decisions:\n  - target: {sqli}\n    status: accepted\n"
            "    justification: parameterised by the driver\n"
        },
    )
    argv[argv.index(head)] = accepted
    assert main(argv) == 0
