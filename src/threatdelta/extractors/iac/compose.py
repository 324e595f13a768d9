"""The docker-compose extractor: a `docker-compose*.yml|yaml` or `compose*.yml|yaml` file ->
an `IacResource` of type `compose:service` per service (see `docs/extraction-contract.md`).

A service is named `<path>:<service>`, unique in the repository. Its attributes, each with
the lines it is written on (a list item's own lines):

- `image`, `privileged`, `network_mode`, `user`, `pid`, `ipc` as written (`true`/`false`
  for booleans);
- `volumes`: each volume as `source:target[:mode]` (the long syntax rendered the same way);
- `ports`: each published port as written (`"5432:5432"`, `8080`), the long syntax as
  `[host_ip:]published:target` (an IPv6 `host_ip` in brackets);
- `environment.<NAME>`: each variable's value as written, from the mapping or the
  `NAME=value` list form (a name without a value has none). `${VAR}` references are kept
  as written; nothing is interpolated;
- `build` (the context), `depends_on` and `networks` (one attribute per name),
  `command` (a list joined by spaces), `mem_limit`, `cpus`, `pids_limit`,
  `deploy.replicas`, `deploy.resources.limits.<name>` (`compose_wiring.py`).

Read with the safe loader of `openapi/loader.py`: no tag builds an object, aliases and
depth are bounded, a syntax error gives one notification.
"""

from __future__ import annotations

from threatdelta.extractors.base import SourceFile, name_matches
from threatdelta.extractors.iac.compose_service import service_attributes
from threatdelta.extractors.openapi.loader import load_structured
from threatdelta.extractors.openapi.tree import YamlMap
from threatdelta.model.base import Evidence, EvidenceRole, Level, Location, Notification
from threatdelta.model.elements import IacResource
from threatdelta.model.fragment import ModelFragment

COMPOSE_NAMES = frozenset(
    {"docker-compose*.yml", "docker-compose*.yaml", "compose*.yml", "compose*.yaml"}
)
MAX_CHARACTERS = 1024 * 1024


class ComposeExtractor:
    """docker-compose files -> one IaC resource per service."""

    @property
    def name(self) -> str:
        return "compose"

    @property
    def version(self) -> str:
        return "1"

    @property
    def suffixes(self) -> frozenset[str]:
        return frozenset({".yml", ".yaml"})

    def claims(self, source: SourceFile) -> bool:
        return name_matches(source.path, COMPOSE_NAMES)

    def extract(self, source: SourceFile) -> ModelFragment:
        if len(source.text) > MAX_CHARACTERS:
            return self._noted(
                source, "file-too-large", f"compose file over {MAX_CHARACTERS} characters; skipped"
            )
        loaded = load_structured(source.text, source.path)
        if isinstance(loaded, Notification):
            return ModelFragment(path=source.path, extractor=self.name, notifications=(loaded,))
        root = loaded.root
        services = root.map("services") if isinstance(root, YamlMap) else None
        if services is None:
            return self._noted(source, "no-services", "no `services` mapping: not a compose file")
        resources = tuple(
            _service(services, name, body, source.path)
            for name, body in services.items()
            if isinstance(body, YamlMap)
        )
        return ModelFragment(
            path=source.path,
            extractor=self.name,
            iac=resources,
            notifications=loaded.notifications,
        )

    def _noted(self, source: SourceFile, code: str, message: str) -> ModelFragment:
        note = Notification(level=Level.WARNING, code=code, path=source.path, message=message)
        return ModelFragment(path=source.path, extractor=self.name, notifications=(note,))


def _service(services: YamlMap, name: str, body: YamlMap, path: str) -> IacResource:
    start, end = services.span_of(name)
    location = Location(path=path, start_line=start, end_line=end)
    return IacResource(
        type="compose:service",
        name=f"{path}:{name}",
        evidence=(Evidence(location=location, role=EvidenceRole.PRIMARY),),
        attributes=tuple(service_attributes(body, path)),
    )
