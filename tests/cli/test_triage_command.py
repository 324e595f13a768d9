"""`threatdelta triage`: through `main([...])` on a real repository in a temporary folder."""

from __future__ import annotations

from pathlib import Path

import git
import pytest
from register.register_samples import CREATE, DELETE, scanned, threat_id

from threatdelta.cli.main import main
from threatdelta.register.schema import TriageStatus
from threatdelta.register.store import REGISTER_PATH, load_register

HAND_WRITTEN = """\
# Security review 2026-Q4 (keep this comment)
version: 1
decisions:
  # public on purpose
  - target: rule:TD-R001
    status: mitigated
    justification: the gateway writes the audit log
"""


def _repo(tmp_path: Path) -> tuple[Path, str]:
    report = scanned(tmp_path)
    with git.Repo.init(tmp_path) as repo, repo.config_writer() as config:
        config.set_value("user", "name", "Grace Hopper")
    return tmp_path, threat_id(report, "TD-T001", CREATE)


def test_accept_records_a_decision_with_who_when_and_fingerprint(tmp_path: Path) -> None:
    root, sqli = _repo(tmp_path)
    (root / ".threatdelta").mkdir()
    (root / REGISTER_PATH).write_text(HAND_WRITTEN, encoding="utf-8")
    code = main(
        [
            "triage",
            "accept",
            sqli,
            "--reason",
            "internal tool",
            "--expires",
            "2099-01-31",
            "--owner",
            "appsec",
            "--ticket",
            "SEC-9",
            "--path",
            str(root),
        ]
    )
    assert code == 0
    text = (root / REGISTER_PATH).read_text(encoding="utf-8")
    assert text.startswith("# Security review 2026-Q4 (keep this comment)\n")
    assert "  # public on purpose\n" in text
    register, notes = load_register(root)
    assert notes == ()
    assert [d.target for d in register.decisions] == ["rule:TD-R001", sqli]
    decision = register.decisions[1]
    assert decision.status is TriageStatus.ACCEPTED
    assert decision.decided_by == "Grace Hopper"
    assert decision.decided_at is not None and decision.decided_at.tzinfo is not None
    assert decision.element_fingerprint.startswith("sha256:")
    assert (decision.owner, decision.ticket, str(decision.expires)) == (
        "appsec",
        "SEC-9",
        "2099-01-31",
    )


def test_dismiss_then_reopen_replaces_the_decision_in_place(tmp_path: Path) -> None:
    root, sqli = _repo(tmp_path)
    assert (
        main(
            [
                "triage",
                "dismiss",
                sqli,
                "--reason",
                "parameterised",
                "--by",
                "Bo",
                "--path",
                str(root),
            ]
        )
        == 0
    )
    assert (
        main(["triage", "mitigate", f"element:{DELETE}", "--reason", "WAF", "--path", str(root)])
        == 0
    )
    assert main(["triage", "reopen", sqli, "--by", "Cy", "--path", str(root)]) == 0
    register, _ = load_register(root)
    assert [(d.target, d.status) for d in register.decisions] == [
        (sqli, TriageStatus.OPEN),
        (f"element:{DELETE}", TriageStatus.MITIGATED),
    ]
    assert register.decisions[0].decided_by == "Cy"


def test_list_shows_every_threat_with_its_status(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root, sqli = _repo(tmp_path)
    assert main(["triage", "dismiss", sqli, "--reason", "fp", "--path", str(root)]) == 0
    capsys.readouterr()
    assert main(["triage", "list", "--path", str(root)]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) == len(scanned(root).threats)
    assert next(x for x in lines if sqli in x).startswith("false_positive ")
    assert all(x.startswith(("open ", "false_positive ")) for x in lines)


def test_show_prints_the_threat_and_its_decision(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root, sqli = _repo(tmp_path)
    main(
        [
            "triage",
            "accept",
            sqli,
            "--reason",
            "risk owner signed off",
            "--by",
            "Di",
            "--path",
            str(root),
        ]
    )
    capsys.readouterr()
    assert main(["triage", "show", sqli, "--path", str(root)]) == 0
    out = capsys.readouterr().out
    assert "attack vector:" in out and "risk owner signed off (by Di)" in out


def test_unknown_id_exits_2_and_writes_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root, _ = _repo(tmp_path)
    assert main(["triage", "accept", "th-0123456789ab", "--reason", "x", "--path", str(root)]) == 2
    assert "unknown threat id 'th-0123456789ab'" in capsys.readouterr().err
    assert not (root / REGISTER_PATH).exists()
    assert main(["triage", "show", "th-0123456789ab", "--path", str(root)]) == 2


@pytest.mark.parametrize(
    ("argv", "said"),
    [
        (["accept", "{id}"], "needs a justification"),
        (["accept", "TD-1a2b3c4d", "--reason", "x"], "not a threat id"),
        (["accept", "{id}", "--reason", "x", "--expires", "soon"], "not a YYYY-MM-DD date"),
    ],
)
def test_bad_arguments_exit_2_with_a_clear_message(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], argv: list[str], said: str
) -> None:
    root, sqli = _repo(tmp_path)
    args = ["triage", *(a.replace("{id}", sqli) for a in argv), "--path", str(root)]
    assert main(args) == 2
    assert said in capsys.readouterr().err


def test_a_wildcard_matching_nothing_is_recorded_with_a_warning(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root, _ = _repo(tmp_path)
    target = "element:endpoint:GET /internal/*"
    assert main(["triage", "dismiss", target, "--reason", "not deployed", "--path", str(root)]) == 0
    assert "matches no current threat" in capsys.readouterr().err
    register, _ = load_register(root)
    assert register.decisions[0].target == target


def test_a_register_that_does_not_parse_is_not_overwritten(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root, sqli = _repo(tmp_path)
    (root / ".threatdelta").mkdir()
    broken = "decisions: [\n  - {target: \n"
    (root / REGISTER_PATH).write_text(broken, encoding="utf-8")
    assert main(["triage", "accept", sqli, "--reason", "x", "--path", str(root)]) == 2
    assert "does not parse" in capsys.readouterr().err
    assert (root / REGISTER_PATH).read_text(encoding="utf-8") == broken
