"""Golden tests: how a compose service is built, wired and sized."""

from __future__ import annotations

from textwrap import dedent

from threatdelta.extractors.base import SourceFile
from threatdelta.extractors.iac.compose import ComposeExtractor


def _values(text: str) -> list[tuple[str, str, int]]:
    frag = ComposeExtractor().extract(SourceFile(path="compose.yaml", text=dedent(text)))
    (service,) = frag.iac
    return [(a.name, a.value, a.evidence[0].location.start_line) for a in service.attributes]


def test_build_context_dependencies_and_networks_one_per_name() -> None:
    values = _values(
        """\
        services:
          api:
            build: {context: ./api}
            depends_on:
              db: {condition: service_healthy}
              cache: {condition: service_started}
            networks: [front, back]
        """
    )
    assert values == [
        ("build", "./api", 3),
        ("depends_on", "db", 5),
        ("depends_on", "cache", 6),
        ("networks", "front", 7),
        ("networks", "back", 7),
    ]


def test_memory_limits_in_both_spellings_and_replicas() -> None:
    values = _values(
        """\
        services:
          api:
            image: acme/api
            mem_limit: 512m
            deploy:
              replicas: 2
              resources:
                limits: {memory: 256M, cpus: "0.5"}
        """
    )
    assert ("mem_limit", "512m", 4) in values
    assert ("deploy.replicas", "2", 6) in values
    assert ("deploy.resources.limits.memory", "256M", 8) in values
    assert ("deploy.resources.limits.cpus", "0.5", 8) in values


def test_command_list_is_joined_into_one_line() -> None:
    values = _values(
        """\
        services:
          db:
            image: postgres:16
            command: ["postgres", "-c", "log_statement=mod"]
        """
    )
    assert ("command", "postgres -c log_statement=mod", 4) in values
