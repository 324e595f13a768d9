"""Golden tests: Dockerfile stages -> `dockerfile:stage` IaC resources with the FROM, USER,
ENV/ARG and ADD attributes the rules read, and the lines they are written on."""

from __future__ import annotations

from textwrap import dedent

from threatdelta.extractors.base import SourceFile
from threatdelta.extractors.iac.dockerfile import DockerfileExtractor
from threatdelta.model.base import Evidence, Location
from threatdelta.model.elements import IacAttribute, IacResource
from threatdelta.model.fragment import ModelFragment

PATH = "svc/Dockerfile"


def extract(text: str, path: str = PATH) -> ModelFragment:
    source = SourceFile(path=path, text=dedent(text))
    extractor = DockerfileExtractor()
    assert extractor.claims(source), "the test file must be claimed"
    return extractor.extract(source)


def attr(name: str, value: str, start: int, end: int | None = None) -> IacAttribute:
    location = Location(path=PATH, start_line=start, end_line=end or start)
    return IacAttribute(name=name, value=value, evidence=(Evidence(location=location),))


def test_single_stage_with_user_env_and_add_keeps_each_instructions_lines() -> None:
    frag = extract(
        """\
        FROM python:3.12-slim
        ENV APP_HOME=/srv/app API_TOKEN="s3cr3t-t0ken-value"
        ADD https://example.org/tool.tar.gz /opt/
        USER app
        """
    )
    (stage,) = frag.iac
    assert stage.key == f"iac:dockerfile:stage.{PATH}:0"
    assert stage.evidence[0].location == Location(path=PATH, start_line=1, end_line=4)
    assert stage.attributes == (
        attr("image", "python:3.12-slim", 1),
        attr("final", "true", 1),
        attr("env.APP_HOME", "/srv/app", 2),
        attr("env.API_TOKEN", "s3cr3t-t0ken-value", 2),
        attr("add", "https://example.org/tool.tar.gz", 3),
        attr("user", "app", 4),
    )
    assert frag.notifications == ()


def test_stages_have_aliases_and_the_last_builds_on_an_earlier_one() -> None:
    frag = extract(
        """\
        ARG BASE_TAG=3.12
        FROM --platform=$BUILDPLATFORM python:${BASE_TAG} AS build
        USER root
        FROM build
        """
    )
    build, final = frag.iac
    assert isinstance(build, IacResource) and build.name == f"{PATH}:build"
    assert build.attributes == (
        attr("image", "python:${BASE_TAG}", 2),
        attr("alias", "build", 2),
        attr("user", "root", 3),
    )
    assert final.name == f"{PATH}:1"
    assert final.attributes == (attr("from_stage", "build", 4), attr("final", "true", 4))


def test_continuation_lines_with_comments_form_one_instruction_each_variable_on_its_line() -> None:
    frag = extract(
        """\
        FROM alpine:3.20
        ENV DB_PASSWORD=hunter2hunter2 \\
            # the port of the database
            DB_PORT=5432
        ARG NPM_TOKEN=abc123abc123 PLAIN
        """
    )
    assert frag.iac[0].attributes[2:] == (
        attr("env.DB_PASSWORD", "hunter2hunter2", 2),
        attr("env.DB_PORT", "5432", 4),
        attr("arg.NPM_TOKEN", "abc123abc123", 5),
    )


def test_heredoc_body_is_not_read_as_instructions() -> None:
    frag = extract(
        """\
        FROM debian:12
        RUN <<EOF
        FROM attacker/image
        USER root
        EOF
        USER app
        """
    )
    (stage,) = frag.iac
    assert [(a.name, a.value) for a in stage.attributes] == [
        ("image", "debian:12"),
        ("final", "true"),
        ("user", "app"),
    ]


def test_legacy_env_exec_form_add_and_checksum_flag() -> None:
    frag = extract(
        """\
        FROM ubuntu
        ENV GREETING hello world
        ADD ["https://example.org/a.sh", "/a.sh"]
        ADD --checksum=sha256:24454f830cdb571e2c4ad1548111 https://example.org/b.tgz /b/
        """
    )
    assert frag.iac[0].attributes[2:] == (
        attr("env.GREETING", "hello world", 2),
        attr("add", "https://example.org/a.sh", 3),
        attr("add", "https://example.org/b.tgz", 4),
        attr("add.checksum", "sha256:24454f830cdb571e2c4ad1548111", 4),
    )


def test_escape_directive_changes_the_continuation_character() -> None:
    frag = extract(
        """\
        # escape=`
        FROM mcr.microsoft.com/windows/servercore:ltsc2022
        ENV ADMIN_PASSWORD=P4ssw0rd-long `
            OTHER=1
        """
    )
    assert frag.iac[0].attributes[2] == attr("env.ADMIN_PASSWORD", "P4ssw0rd-long", 3)
