"""The `threatdelta` check run and commit status, through the real PyGithub client against
the fake GitHub server; the assertions are on the requests it received."""

from __future__ import annotations

from typing import Any

import pytest
from fake_github import FakeGitHub
from fake_github.faults import READ_ONLY_MESSAGE, error_body
from publish_helpers import HEAD, FakeClock, client
from reporters.delta_samples import HOSTILE_PATH, delta_report, quiet_report

from threatdelta.diff.delta import DeltaReport
from threatdelta.errors import ConfigError
from threatdelta.findings.threat import Severity, Threat, ThreatSource
from threatdelta.github.checks import CheckMode, CheckResult, report_check
from threatdelta.github.client import make_github
from threatdelta.github.gate import Gate, decide
from threatdelta.model.base import Evidence, Location
from threatdelta.report import ScanReport

CHECK_RUNS = r"/repos/[^/]+/[^/]+/check-runs"
CHECK_RUN = r"/repos/[^/]+/[^/]+/check-runs/\d+"


def _gate(report: DeltaReport | ScanReport, **kw: Any) -> Gate:
    options: dict[str, Any] = {
        "fail_on": "high",
        "soft_fail": False,
        "incomplete_conclusion": "failure",
    }
    return decide(report, **{**options, **kw})


def _report(
    fake: FakeGitHub, report: DeltaReport | ScanReport, mode: str = "check", **kw: Any
) -> CheckResult:
    clock = kw.pop("clock", FakeClock())
    gate = kw.pop("gate", None) or _gate(report)
    return report_check(
        client(fake), fake.repo, HEAD, gate, report, mode=mode, policy=clock.policy(), **kw
    )


def _many(count: int, severity: Severity = Severity.HIGH) -> tuple[Threat, ...]:
    base = delta_report().introduced[0]
    return tuple(
        base.model_copy(
            update={
                "id": f"th-{n:05d}",
                "severity": severity,
                "evidence": (
                    Evidence(
                        location=Location(path=f"app/m{n}.py", start_line=n + 1, end_line=n + 3)
                    ),
                ),
            }
        )
        for n in range(count)
    )


def _bodies(fake: FakeGitHub, method: str, pattern: str = "") -> list[dict[str, Any]]:
    return [r.json for r in fake.requests if r.method == method and pattern in r.path]


# -- check runs ---------------------------------------------------------------------------


def test_check_run_is_named_threatdelta_completed_on_the_head_with_the_gate_conclusion(
    fake_github: FakeGitHub,
) -> None:
    result = _report(fake_github, delta_report(), details_url="https://ci.example/run/1")
    [body] = _bodies(fake_github, "POST", "/check-runs")
    assert body["name"] == "threatdelta"
    assert body["head_sha"] == HEAD
    assert body["status"] == "completed"
    assert body["conclusion"] == "failure"
    assert body["details_url"] == "https://ci.example/run/1"
    assert body["output"]["title"] == "Gate fail: 3 introduced threats, 2 failing"
    assert "**threatdelta gate: fail** (failure)" in body["output"]["summary"]
    assert _bodies(fake_github, "PATCH") == []
    [run] = fake_github.check_runs()
    assert (result.posted_as, result.check_run_id, result.url) == (
        CheckMode.CHECK,
        run["id"],
        run["html_url"],
    )
    assert result.annotations_sent == 3 and result.notifications == ()


def test_annotations_carry_location_level_by_severity_title_and_message(
    fake_github: FakeGitHub,
) -> None:
    _report(fake_github, delta_report())
    [body] = _bodies(fake_github, "POST", "/check-runs")
    annotations = body["output"]["annotations"]
    assert [(a["path"], a["start_line"], a["end_line"]) for a in annotations] == [
        ("app/api.py", 12, 12),
        ("app/api.py", 8, 13),
        ("app/api.py", 8, 13),
    ]
    assert [a["annotation_level"] for a in annotations] == ["failure", "failure", "notice"]
    first = annotations[0]
    assert first["title"].startswith("critical T")
    assert first["title"].endswith("(TD-T001)")
    assert "\nAttack: " in first["message"] and "\nImpact: " in first["message"]
    assert "threatdelta id th-" in first["message"]
    assert set(first) <= {
        "path",
        "start_line",
        "end_line",
        "annotation_level",
        "title",
        "message",
        "raw_details",
    }


def test_medium_threats_are_warnings(fake_github: FakeGitHub) -> None:
    _report(fake_github, delta_report(introduced=_many(1, Severity.MEDIUM)))
    [body] = _bodies(fake_github, "POST", "/check-runs")
    assert [a["annotation_level"] for a in body["output"]["annotations"]] == ["warning"]


def test_120_annotations_go_out_as_50_then_50_then_20(fake_github: FakeGitHub) -> None:
    result = _report(fake_github, delta_report(introduced=_many(120)))
    writes = [r for r in fake_github.writes if "/check-runs" in r.path]
    assert [r.method for r in writes] == ["POST", "PATCH", "PATCH"]
    assert [len(r.json["output"]["annotations"]) for r in writes] == [50, 50, 20]
    assert all(r.json["output"]["title"] and r.json["output"]["summary"] for r in writes)
    assert {r.path.rsplit("/", 1)[1] for r in writes[1:]} == {str(result.check_run_id)}
    [run] = fake_github.check_runs()
    assert len(run["annotations"]) == 120
    assert [a["path"] for a in run["annotations"]] == [f"app/m{n}.py" for n in range(120)]
    assert result.annotations_sent == 120
    assert run["conclusion"] == "failure" and run["status"] == "completed"


@pytest.mark.parametrize(("count", "sizes"), [(50, [50]), (51, [50, 1]), (100, [50, 50])])
def test_batches_at_the_boundary(fake_github: FakeGitHub, count: int, sizes: list[int]) -> None:
    _report(fake_github, delta_report(introduced=_many(count)))
    writes = [r for r in fake_github.writes if "/check-runs" in r.path]
    assert [len(r.json["output"]["annotations"]) for r in writes] == sizes


def test_no_threats_means_one_request_with_no_annotations(fake_github: FakeGitHub) -> None:
    result = _report(fake_github, quiet_report())
    [body] = _bodies(fake_github, "POST", "/check-runs")
    assert body["conclusion"] == "success"
    assert body["output"]["annotations"] == []
    assert "No architecture-relevant change." in body["output"]["summary"]
    assert result.posted_as is CheckMode.CHECK


@pytest.mark.parametrize(
    ("report", "gate_options", "conclusion"),
    [
        (delta_report(), {}, "failure"),
        (delta_report(), {"soft_fail": True}, "neutral"),
        (delta_report(), {"fail_on": "none"}, "success"),
        (delta_report(introduced=()), {}, "success"),
        (delta_report(introduced=(), complete=False), {}, "failure"),
        (
            delta_report(introduced=(), complete=False),
            {"incomplete_conclusion": "neutral"},
            "neutral",
        ),
        (quiet_report(), {}, "success"),
    ],
)
def test_the_check_run_conclusion_is_the_gates(
    fake_github: FakeGitHub, report: DeltaReport, gate_options: dict[str, Any], conclusion: str
) -> None:
    _report(fake_github, report, gate=_gate(report, **gate_options))
    [run] = fake_github.check_runs()
    assert run["conclusion"] == conclusion


def test_a_huge_register_keeps_the_summary_under_the_limit_and_caps_annotations(
    fake_github: FakeGitHub,
) -> None:
    register = delta_report().head_register
    assert register is not None
    scan = register.model_copy(update={"threats": _many(3000)})
    result = _report(fake_github, scan, max_annotations=120)
    [body] = _bodies(fake_github, "POST", "/check-runs")
    summary = body["output"]["summary"]
    assert len(summary) <= 65_535
    assert "more, in the job summary and the SARIF file." in summary
    assert body["output"]["title"] == "Gate fail: 3000 threats, 3000 failing"
    assert result.annotations_sent == 120
    assert [n.code for n in result.notifications] == ["check-annotations-capped"]
    [run] = fake_github.check_runs()
    assert len(run["annotations"]) == 120


def test_repository_text_in_the_summary_is_escaped(fake_github: FakeGitHub) -> None:
    threat = _many(1)[0].model_copy(
        update={
            "evidence": (Evidence(location=Location(path=HOSTILE_PATH, start_line=3, end_line=3)),)
        }
    )
    _report(fake_github, delta_report(introduced=(threat,)))
    [body] = _bodies(fake_github, "POST", "/check-runs")
    summary = body["output"]["summary"]
    assert '``app/we"ird [v1]/`x` <b>@admin</b> end.py:3``' in summary  # a code span
    prose = summary.replace('``app/we"ird [v1]/`x` <b>@admin</b> end.py:3``', "")
    assert "<b>" not in prose and "@admin" not in prose  # escaped, mention defused
    assert "\nend.py" not in summary


def test_create_retries_a_server_error_then_posts_once(fake_github: FakeGitHub) -> None:
    fake_github.server_errors("POST", CHECK_RUNS, times=1)
    clock = FakeClock()
    result = _report(fake_github, delta_report(), clock=clock)
    assert [r.status for r in fake_github.requests_to("POST", "/check-runs")] == [502, 201]
    assert len(fake_github.check_runs()) == 1 and result.notifications == ()
    assert clock.sleeps == [1.0]


def test_secondary_rate_limit_on_an_annotation_batch_waits_retry_after(
    fake_github: FakeGitHub,
) -> None:
    fake_github.secondary_rate_limit("PATCH", CHECK_RUN, retry_after=11)
    clock = FakeClock()
    result = _report(fake_github, delta_report(introduced=_many(60)), clock=clock)
    assert clock.sleeps == [11.0]
    assert result.annotations_sent == 60
    assert len(fake_github.check_runs()[0]["annotations"]) == 60


def test_a_refused_annotation_batch_keeps_the_check_and_says_how_many_went_out(
    fake_github: FakeGitHub,
) -> None:
    fake_github.fail("PATCH", CHECK_RUN, 422, body=error_body("Validation Failed", 422))
    result = _report(fake_github, delta_report(introduced=_many(120)))
    assert result.posted_as is CheckMode.CHECK
    assert result.annotations_sent == 50
    [note] = result.notifications
    assert note.code == "check-annotations-rejected"
    assert note.message.endswith("50 of 120 annotations sent")
    assert fake_github.check_runs()[0]["conclusion"] == "failure"


def test_forbidden_check_run_falls_back_to_a_commit_status(fake_github: FakeGitHub) -> None:
    fake_github.fail("POST", CHECK_RUNS, 403, body=error_body(READ_ONLY_MESSAGE, 403))
    result = _report(fake_github, delta_report())
    assert result.posted_as is CheckMode.STATUS
    assert [n.code for n in result.notifications] == ["check-run-forbidden"]
    assert READ_ONLY_MESSAGE in result.notifications[0].message
    [status] = fake_github.statuses()
    assert (status["context"], status["state"], status["sha"]) == ("threatdelta", "failure", HEAD)


def test_read_only_token_gives_notifications_and_never_raises(fake_github: FakeGitHub) -> None:
    fake_github.read_only_token()
    result = _report(fake_github, delta_report())
    assert result.posted_as is CheckMode.OFF and result.check_run_id is None
    assert [n.code for n in result.notifications] == [
        "check-run-forbidden",
        "commit-status-forbidden",
    ]
    assert all(n.level == "warning" for n in result.notifications)
    assert [(r.method, r.status) for r in fake_github.writes] == [("POST", 403), ("POST", 403)]


def test_server_errors_that_outlast_the_retries_are_an_error_notification(
    fake_github: FakeGitHub,
) -> None:
    fake_github.server_errors("POST", CHECK_RUNS, times=10)
    result = _report(fake_github, delta_report())
    assert result.posted_as is CheckMode.OFF
    [note] = result.notifications
    assert (note.code, note.level) == ("check-run-failed", "error")
    assert fake_github.statuses() == []  # a server error is not a refusal: no status either


def test_a_push_annotates_every_threat_of_the_register(fake_github: FakeGitHub) -> None:
    register = delta_report().head_register
    assert register is not None
    result = _report(fake_github, register)
    [body] = _bodies(fake_github, "POST", "/check-runs")
    assert len(body["output"]["annotations"]) == len(register.threats)
    assert body["output"]["title"].startswith(f"Gate fail: {len(register.threats)} threats")
    assert result.annotations_sent == len(register.threats)


# -- commit statuses ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("report", "gate_options", "state"),
    [
        (delta_report(), {}, "failure"),
        (delta_report(), {"soft_fail": True}, "success"),
        (delta_report(introduced=()), {}, "success"),
        (delta_report(introduced=(), complete=False), {}, "error"),
        (
            delta_report(introduced=(), complete=False),
            {"incomplete_conclusion": "neutral"},
            "success",
        ),
        (quiet_report(), {}, "success"),
    ],
)
def test_status_mode_maps_the_gate_to_a_state(
    fake_github: FakeGitHub, report: DeltaReport, gate_options: dict[str, Any], state: str
) -> None:
    result = _report(fake_github, report, "status", gate=_gate(report, **gate_options))
    [status] = fake_github.statuses()
    assert status["state"] == state and status["context"] == "threatdelta"
    assert result.posted_as is CheckMode.STATUS
    assert fake_github.requests_to("POST", "/check-runs") == []


def test_status_description_is_at_most_140_characters_and_leads_with_the_verdict(
    fake_github: FakeGitHub,
) -> None:
    _report(fake_github, delta_report(), "status", details_url="https://ci.example/run/2")
    [body] = _bodies(fake_github, "POST", "/statuses/")
    assert len(body["description"]) == 140
    assert body["description"].startswith("fail: 2 introduced open threats at or above high")
    assert body["description"].endswith("\u2026")
    assert body["target_url"] == "https://ci.example/run/2"


def test_short_status_description_is_left_whole(fake_github: FakeGitHub) -> None:
    _report(fake_github, quiet_report(), "status")
    [body] = _bodies(fake_github, "POST", "/statuses/")
    assert body["description"] == "pass: No architecture-relevant change."


def test_forbidden_status_is_a_notification(fake_github: FakeGitHub) -> None:
    fake_github.read_only_token()
    result = _report(fake_github, delta_report(), "status")
    assert result.posted_as is CheckMode.OFF
    assert [n.code for n in result.notifications] == ["commit-status-forbidden"]


def test_off_sends_nothing(fake_github: FakeGitHub) -> None:
    result = _report(fake_github, delta_report(), "off")
    assert fake_github.requests == []
    assert result == CheckResult(mode=CheckMode.OFF)


def test_unknown_mode_is_a_configuration_error(fake_github: FakeGitHub) -> None:
    with pytest.raises(ConfigError, match="check-mode"):
        _report(fake_github, delta_report(), "annotations")


def test_with_the_action_client_transport_retries_the_patch_and_we_retry_the_post(
    fake_github: FakeGitHub,
) -> None:
    fake_github.server_errors("POST", CHECK_RUNS, times=1)
    fake_github.server_errors("PATCH", CHECK_RUN, times=1)
    gh = make_github("t0k3n", fake_github.url, seconds_between_requests=0, seconds_between_writes=0)
    report = delta_report(introduced=_many(60))
    clock = FakeClock()
    result = report_check(
        gh, fake_github.repo, HEAD, _gate(report), report, mode="check", policy=clock.policy()
    )
    assert [r.status for r in fake_github.requests_to("POST", "/check-runs")] == [502, 201]
    assert [r.status for r in fake_github.requests_to("PATCH")] == [502, 200]
    assert clock.sleeps == [1.0]  # our layer retried the POST; urllib3 retried the PATCH
    assert result.annotations_sent == 60 and result.notifications == ()


def test_an_llm_threat_annotation_says_it_never_fails_the_gate_alone(
    fake_github: FakeGitHub,
) -> None:
    llm = _many(1)[0].model_copy(update={"source": ThreatSource.LLM})
    _report(fake_github, delta_report(introduced=(llm,)))
    [body] = _bodies(fake_github, "POST", "/check-runs")
    [annotation] = body["output"]["annotations"]
    assert (
        "Found by the LLM analyst: reported, never fails the gate on its own."
        in (annotation["message"])
    )
    assert body["conclusion"] == "success"
