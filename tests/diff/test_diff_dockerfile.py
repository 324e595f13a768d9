"""A pull request that changes a Dockerfile (a file with no suffix) or a compose file is read
by `threatdelta diff` like any other: the diff selects files by name as the scan does."""

from __future__ import annotations

from pathlib import Path

from scenarios.builder import PullRequest, build_pull_request, changed_file, run_diff, threat_pairs

from threatdelta.cli.main import EXIT_OK

_BASE_DOCKERFILE = """\
FROM python:3.12-slim
RUN useradd --uid 10001 app
USER 10001
"""
_HEAD_DOCKERFILE = """\
FROM python:3.12-slim
RUN useradd --uid 10001 app
ENV DB_PASSWORD=Wq8s9mX2pLr4
USER root
"""
_STAGE = "iac:dockerfile:stage.svc/Dockerfile:0"


def test_dockerfile_change_switching_to_root_with_a_secret_introduces_both(
    tmp_path: Path,
) -> None:
    repo = build_pull_request(
        tmp_path,
        {"svc/Dockerfile": _BASE_DOCKERFILE},
        PullRequest(write={"svc/Dockerfile": _HEAD_DOCKERFILE}),
    )
    run = run_diff(repo)
    assert run.exit_code == EXIT_OK, run.stderr
    doc = run.doc
    assert doc["relevant"] is True
    assert changed_file(doc, "svc/Dockerfile")["analysed"] is True
    assert threat_pairs(doc["introduced"]) == {("TD-E012", _STAGE), ("TD-I015", _STAGE)}


def test_compose_change_publishing_the_database_port_introduces_it(tmp_path: Path) -> None:
    base = "services:\n  db:\n    image: postgres:16.4\n"
    head = base + '    ports:\n      - "5432:5432"\n'
    repo = build_pull_request(
        tmp_path, {"docker-compose.yml": base}, PullRequest(write={"docker-compose.yml": head})
    )
    doc = run_diff(repo).doc
    assert threat_pairs(doc["introduced"]) == {
        ("TD-I014", "iac:compose:service.docker-compose.yml:db")
    }
