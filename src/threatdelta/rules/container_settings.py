"""Reading the container resources of the model: docker-compose services and Dockerfile
stages (`extractors/iac/compose.py`, `extractors/iac/dockerfile.py` name their attributes),
and telling a literal secret from a reference or a placeholder."""

from __future__ import annotations

from collections.abc import Iterator

from threatdelta.model.elements import IacAttribute, IacResource
from threatdelta.model.secret_literals import is_real_secret, is_secret_name
from threatdelta.model.threat_model import ThreatModel

COMPOSE_SERVICE = "compose:service"
DOCKERFILE_STAGE = "dockerfile:stage"


def of_type(model: ThreatModel, resource_type: str) -> Iterator[IacResource]:
    return (r for r in model.iac if r.type == resource_type)


def named(resource: IacResource, name: str) -> list[IacAttribute]:
    """Every attribute `name` of the resource, in the order written."""
    return [a for a in resource.attributes if a.name == name]


def last(resource: IacResource, name: str) -> IacAttribute | None:
    found = named(resource, name)
    return found[-1] if found else None


def literal_secret(name: str, value: str) -> bool:
    """A variable whose name says it holds a secret, set to a literal (not `$VAR`/`${VAR}`,
    not a placeholder, long enough to be real)."""
    return is_secret_name(name) and "$" not in value and is_real_secret(value)


def stage_chain(model: ThreatModel, stage: IacResource) -> list[IacResource]:
    """The stage, then the earlier stages of its Dockerfile it builds on (`FROM <alias>`)."""
    path = stage.name.rsplit(":", 1)[0]
    by_name = {s.name: s for s in of_type(model, DOCKERFILE_STAGE)}
    chain = [stage]
    while (parent := last(chain[-1], "from_stage")) is not None:
        found = next(
            (s for n, s in by_name.items() if n.lower() == f"{path}:{parent.value}".lower()), None
        )
        if found is None or found in chain:
            break
        chain.append(found)
    return chain


def final_stages(model: ThreatModel) -> Iterator[IacResource]:
    """The last stage of each Dockerfile: the image that is shipped."""
    return (s for s in of_type(model, DOCKERFILE_STAGE) if last(s, "final") is not None)
