"""Golden tests: docker-compose services -> `compose:service` IaC resources with the settings
the rules read (privileges, network mode, volumes, ports, environment) and their lines."""

from __future__ import annotations

from textwrap import dedent

from threatdelta.extractors.base import SourceFile
from threatdelta.extractors.iac.compose import ComposeExtractor
from threatdelta.model.base import Evidence, Location
from threatdelta.model.elements import IacAttribute
from threatdelta.model.fragment import ModelFragment

PATH = "deploy/docker-compose.yml"


def extract(text: str, path: str = PATH) -> ModelFragment:
    source = SourceFile(path=path, text=dedent(text))
    extractor = ComposeExtractor()
    assert extractor.claims(source), "the test file must be claimed"
    return extractor.extract(source)


def attr(name: str, value: str, start: int, end: int | None = None) -> IacAttribute:
    location = Location(path=PATH, start_line=start, end_line=end or start)
    return IacAttribute(name=name, value=value, evidence=(Evidence(location=location),))


def test_privileged_host_network_service_with_socket_mount() -> None:
    frag = extract(
        """\
        services:
          agent:
            image: portainer/agent:2.19
            privileged: true
            network_mode: host
            volumes:
              - /var/run/docker.sock:/var/run/docker.sock
              - type: bind
                source: /var/run/docker.sock
                target: /var/run/docker.sock
                read_only: true
        """
    )
    (agent,) = frag.iac
    assert agent.key == f"iac:compose:service.{PATH}:agent"
    assert agent.evidence[0].location == Location(path=PATH, start_line=2, end_line=11)
    assert agent.attributes == (
        attr("image", "portainer/agent:2.19", 3),
        attr("privileged", "true", 4),
        attr("network_mode", "host", 5),
        attr("volumes", "/var/run/docker.sock:/var/run/docker.sock", 7),
        attr("volumes", "/var/run/docker.sock:/var/run/docker.sock:ro", 8, 11),
    )


def test_ports_and_environment_in_both_syntaxes() -> None:
    frag = extract(
        """\
        services:
          db:
            image: postgres:16
            ports:
              - "5432:5432"
              - target: 6379
                published: "6379"
            environment:
              POSTGRES_PASSWORD: hunter2hunter2
              POSTGRES_USER: ${DB_USER}
          api:
            environment:
              - API_TOKEN=abcdefgh12345
              - FROM_HOST
        """
    )
    db, api = frag.iac
    assert db.attributes == (
        attr("image", "postgres:16", 3),
        attr("ports", "5432:5432", 5),
        attr("ports", "6379:6379", 6, 7),
        attr("environment.POSTGRES_PASSWORD", "hunter2hunter2", 9),
        attr("environment.POSTGRES_USER", "${DB_USER}", 10),
    )
    assert api.attributes == (attr("environment.API_TOKEN", "abcdefgh12345", 13),)


def test_claims_compose_file_names_only() -> None:
    extractor = ComposeExtractor()
    names = ("compose.yaml", "a/docker-compose.prod.yml", "compose-dev.yml", "openapi.yaml")
    claimed = [p for p in names if extractor.claims(SourceFile(path=p, text=""))]
    assert claimed == ["compose.yaml", "a/docker-compose.prod.yml", "compose-dev.yml"]
