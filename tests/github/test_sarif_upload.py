"""SARIF upload to code scanning: the real PyGithub client against the fake GitHub server,
with the SARIF the real reporter writes for the sample register."""

from __future__ import annotations

import base64
import copy
import gzip
import json
import os
from pathlib import Path
from typing import Any

import pytest
from fake_github import FakeGitHub
from fake_github.faults import READ_ONLY_MESSAGE, error_body
from publish_helpers import HEAD, FakeClock, client
from reporters.delta_samples import delta_report
from reporters.report_samples import patched_report, write_project

from threatdelta.github.sarif_limits import (
    MAX_GZIPPED_BYTES,
    MAX_RESULTS_PER_RUN,
    SarifInvalid,
    gzipped,
    prepare_sarif,
)
from threatdelta.github.sarif_upload import (
    ProcessingStatus,
    UploadResult,
    branch_ref,
    pull_ref,
    upload_sarif,
)
from threatdelta.reporters.sarif import render_sarif
from threatdelta.reporters.sarif_fingerprints import line_hashes_for_repository

SARIFS = r"/repos/[^/]+/[^/]+/code-scanning/sarifs"
CATEGORY = "threatdelta/pull-request"


def _sarif() -> str:
    register = delta_report().head_register
    assert register is not None
    return render_sarif(register)


def _upload(fake: FakeGitHub, text: str, clock: FakeClock | None = None, **kw: Any) -> UploadResult:
    options: dict[str, Any] = {"commit_sha": HEAD, "ref": pull_ref(7), "category": CATEGORY}
    options.update(kw)
    policy = (clock or FakeClock()).policy()
    return upload_sarif(client(fake), fake.repo, text, policy=policy, **options)


def _decoded(body: dict[str, Any]) -> bytes:
    return gzip.decompress(base64.b64decode(body["sarif"], validate=True))


def test_uploaded_payload_decodes_back_to_the_sarif_file_written(
    fake_github: FakeGitHub, tmp_path: Path
) -> None:
    sarif_file = tmp_path / "threatdelta.sarif"
    sarif_file.write_text(prepare_sarif(_sarif(), category=CATEGORY).text, encoding="utf-8")
    result = _upload(fake_github, sarif_file.read_text(encoding="utf-8"))
    [body] = fake_github.sarif_uploads()
    assert _decoded(body) == sarif_file.read_bytes()
    assert (body["commit_sha"], body["ref"], body["tool_name"]) == (
        HEAD,
        "refs/pull/7/head",
        "threatdelta",
    )
    assert result.uploaded and result.sarif_id
    assert result.processing_status is ProcessingStatus.COMPLETE
    assert result.analyses_url and result.sarif_id in result.analyses_url
    assert result.notifications == ()


def test_the_category_goes_into_every_runs_automation_details(fake_github: FakeGitHub) -> None:
    original = json.loads(_sarif())
    _upload(fake_github, _sarif(), category=" threatdelta/push/ ")
    [body] = fake_github.sarif_uploads()
    uploaded = json.loads(_decoded(body))
    assert [run["automationDetails"] for run in uploaded["runs"]] == [{"id": "threatdelta/push/"}]
    for run in uploaded["runs"]:
        del run["automationDetails"]
    assert uploaded == original  # nothing else changed


def test_preparing_is_idempotent_so_the_file_and_the_upload_agree() -> None:
    once = prepare_sarif(_sarif(), category=CATEGORY)
    twice = prepare_sarif(once.text, category=CATEGORY)
    assert twice.text == once.text and twice.notifications == ()
    assert json.loads(once.text)["runs"][0]["automationDetails"] == {"id": CATEGORY + "/"}


def test_polls_until_processing_completes(fake_github: FakeGitHub) -> None:
    fake_github.set_sarif_processing("pending", "pending", "complete")
    clock = FakeClock()
    result = _upload(fake_github, _sarif(), clock)
    polls = fake_github.requests_to("GET")
    assert len(polls) == 3
    assert all(
        p.path == f"/repos/{fake_github.repo}/code-scanning/sarifs/{result.sarif_id}" for p in polls
    )
    assert clock.sleeps == [2.0, 2.0]
    assert result.processing_status is ProcessingStatus.COMPLETE


def test_polling_stops_at_the_timeout_with_a_warning(fake_github: FakeGitHub) -> None:
    fake_github.set_sarif_processing("pending")
    clock = FakeClock()
    result = _upload(fake_github, _sarif(), clock, poll_seconds=5, timeout_seconds=12)
    assert len(fake_github.requests_to("GET")) == 3  # at 0, 5 and 10 s
    assert clock.sleeps == [5.0, 5.0]
    assert result.uploaded and result.processing_status is ProcessingStatus.PENDING
    [note] = result.notifications
    assert (note.code, note.level) == ("sarif-processing-timeout", "warning")


def test_failed_processing_is_an_error_notification_with_githubs_reason(
    fake_github: FakeGitHub,
) -> None:
    fake_github.set_sarif_processing("pending", "failed")
    result = _upload(fake_github, _sarif())
    assert result.processing_status is ProcessingStatus.FAILED
    [note] = result.notifications
    assert (note.code, note.level) == ("sarif-processing-failed", "error")
    assert "invalid SARIF" in note.message


def test_an_upload_github_does_not_know_yet_is_polled_again(fake_github: FakeGitHub) -> None:
    fake_github.fail("GET", SARIFS + "/.+", 404, body=error_body("Not Found", 404))
    clock = FakeClock()
    result = _upload(fake_github, _sarif(), clock)
    assert [r.status for r in fake_github.requests_to("GET")] == [404, 200]
    assert result.processing_status is ProcessingStatus.COMPLETE and clock.sleeps == [2.0]


@pytest.mark.parametrize(
    ("status", "code", "said"),
    [
        (404, "sarif-upload-not-found", "Code scanning is not enabled"),
        (403, "sarif-upload-forbidden", "Advanced Security must be enabled"),
    ],
)
def test_code_scanning_not_enabled_is_a_warning_not_a_failure(
    fake_github: FakeGitHub, status: int, code: str, said: str
) -> None:
    fake_github.code_scanning_disabled(status)
    clock = FakeClock()
    result = _upload(fake_github, _sarif(), clock)
    assert not result.uploaded and result.processing_status is None
    [note] = result.notifications
    assert (note.code, note.level) == (code, "warning")
    assert said in note.message and "upload-sarif" in note.message
    assert len(fake_github.requests) == 1 and clock.sleeps == []


def test_a_read_only_token_is_a_warning(fake_github: FakeGitHub) -> None:
    fake_github.read_only_token()
    result = _upload(fake_github, _sarif())
    [note] = result.notifications
    assert note.code == "sarif-upload-forbidden" and READ_ONLY_MESSAGE in note.message


def test_a_server_error_on_upload_is_retried(fake_github: FakeGitHub) -> None:
    fake_github.server_errors("POST", SARIFS, times=1, status=500)
    clock = FakeClock()
    result = _upload(fake_github, _sarif(), clock)
    assert [r.status for r in fake_github.requests_to("POST")] == [500, 202]
    assert result.uploaded and clock.sleeps == [1.0]


def test_a_secondary_rate_limit_on_upload_waits_retry_after(fake_github: FakeGitHub) -> None:
    fake_github.secondary_rate_limit("POST", SARIFS, retry_after=13)
    clock = FakeClock()
    result = _upload(fake_github, _sarif(), clock)
    assert clock.sleeps == [13.0] and result.uploaded


def test_server_errors_that_outlast_the_retries_are_an_error_not_a_crash(
    fake_github: FakeGitHub,
) -> None:
    fake_github.server_errors("POST", SARIFS, times=20, status=503)
    result = _upload(fake_github, _sarif())
    assert not result.uploaded
    assert [(n.code, n.level) for n in result.notifications] == [("sarif-upload-failed", "error")]


def test_a_push_uploads_for_the_branch_ref(fake_github: FakeGitHub) -> None:
    _upload(fake_github, _sarif(), ref=branch_ref("main"))
    assert fake_github.sarif_uploads()[0]["ref"] == "refs/heads/main"
    assert branch_ref("refs/heads/release/1.x") == "refs/heads/release/1.x"


@pytest.mark.parametrize(
    ("kw", "code"),
    [
        ({"ref": "main"}, "sarif-upload-bad-ref"),
        ({"ref": "refs/pull/x/head"}, "sarif-upload-bad-ref"),
        ({"commit_sha": "abc123"}, "sarif-upload-bad-commit"),
    ],
)
def test_bad_ref_or_commit_sends_nothing(
    fake_github: FakeGitHub, kw: dict[str, str], code: str
) -> None:
    result = _upload(fake_github, _sarif(), **kw)
    assert [n.code for n in result.notifications] == [code]
    assert fake_github.requests == []


@pytest.mark.parametrize("text", ["{not json", "[]", '{"runs": [1]}', '{"version": "2.1.0"}'])
def test_text_that_is_not_a_sarif_log_sends_nothing(fake_github: FakeGitHub, text: str) -> None:
    result = _upload(fake_github, text)
    assert [n.code for n in result.notifications] == ["sarif-invalid"]
    assert fake_github.requests == []
    with pytest.raises(SarifInvalid):
        prepare_sarif(text, category=CATEGORY)


# -- GitHub's limits ----------------------------------------------------------------------


def _with_results(count: int, note_every: int = 2) -> str:
    doc = json.loads(_sarif())
    run = doc["runs"][0]
    template = run["results"][0]
    results = []
    for n in range(count):
        result = copy.deepcopy(template)
        result["level"] = "note" if n % note_every == 0 else "error"
        result["message"] = {"text": f"result {n}"}
        results.append(result)
    run["results"] = results
    return json.dumps(doc, indent=2)


def test_more_than_5000_results_keeps_the_most_severe_and_says_so(fake_github: FakeGitHub) -> None:
    result = _upload(fake_github, _with_results(MAX_RESULTS_PER_RUN + 10))
    uploaded = json.loads(_decoded(fake_github.sarif_uploads()[0]))
    kept = uploaded["runs"][0]["results"]
    assert len(kept) == MAX_RESULTS_PER_RUN
    assert sum(1 for r in kept if r["level"] == "error") == (MAX_RESULTS_PER_RUN + 10) // 2
    numbers = [int(r["message"]["text"].split()[1]) for r in kept]
    assert numbers == sorted(numbers)  # report order kept
    assert [n.code for n in result.notifications] == ["sarif-results-trimmed"]
    assert "dropped the 10 least severe results" in result.notifications[0].message


def test_more_than_10_tags_on_a_rule_are_cut_to_10() -> None:
    doc = json.loads(_sarif())
    rule = doc["runs"][0]["tool"]["driver"]["rules"][0]
    rule["properties"]["tags"] = [f"tag-{n}" for n in range(14)]
    prepared = prepare_sarif(json.dumps(doc), category=CATEGORY)
    out = json.loads(prepared.text)["runs"][0]["tool"]["driver"]["rules"][0]
    assert out["properties"]["tags"] == [f"tag-{n}" for n in range(10)]
    [note] = prepared.notifications
    assert note.code == "sarif-tags-trimmed" and rule["id"] in note.message


def test_a_log_over_10_mb_gzipped_drops_results_until_it_fits() -> None:
    doc = json.loads(_with_results(1200))
    for result in doc["runs"][0]["results"]:  # incompressible text, ~14 KB per result
        result["message"]["text"] += " " + base64.b64encode(os.urandom(10_500)).decode()
    text = json.dumps(doc)
    assert len(gzipped(text)) > MAX_GZIPPED_BYTES
    prepared = prepare_sarif(text, category=CATEGORY)
    assert len(gzipped(prepared.text)) <= MAX_GZIPPED_BYTES
    kept = json.loads(prepared.text)["runs"][0]["results"]
    assert 0 < len(kept) < 1200
    assert sum(1 for r in kept if r["level"] == "error") == 600  # the notes went first
    assert [n.code for n in prepared.notifications] == ["sarif-too-large"]


def test_fixes_survive_preparation_and_the_result_cap(tmp_path: Path) -> None:
    write_project(tmp_path)
    report = patched_report()
    text = render_sarif(report, line_hashes_for_repository(report, tmp_path))
    prepared = prepare_sarif(text, category=CATEGORY)
    assert prepare_sarif(prepared.text, category=CATEGORY).text == prepared.text
    [result] = [r for r in json.loads(prepared.text)["runs"][0]["results"] if "fixes" in r]
    assert result["fixes"] == json.loads(text)["runs"][0]["results"][0]["fixes"]
    doc = json.loads(prepared.text)
    run = doc["runs"][0]
    run["results"] = [copy.deepcopy(result) for _ in range(MAX_RESULTS_PER_RUN + 3)]
    capped = json.loads(prepare_sarif(json.dumps(doc), category=CATEGORY).text)
    assert len(capped["runs"][0]["results"]) == MAX_RESULTS_PER_RUN
    assert all("fixes" in r for r in capped["runs"][0]["results"])
