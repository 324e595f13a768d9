"""The linked architecture model of a repository (also the on-disk JSON format)."""

from __future__ import annotations

from collections.abc import Iterator

from threatdelta.model.base import Frozen
from threatdelta.model.elements import (
    DataFlow,
    DataStore,
    Element,
    Endpoint,
    ExternalEntity,
    IacResource,
    Service,
    TrustBoundary,
)
from threatdelta.model.imported import ImportedThreat

MODEL_SCHEMA_VERSION = "1"


class ThreatModel(Frozen):
    schema_version: str = MODEL_SCHEMA_VERSION
    services: tuple[Service, ...] = ()
    endpoints: tuple[Endpoint, ...] = ()
    datastores: tuple[DataStore, ...] = ()
    externals: tuple[ExternalEntity, ...] = ()
    flows: tuple[DataFlow, ...] = ()
    boundaries: tuple[TrustBoundary, ...] = ()
    iac: tuple[IacResource, ...] = ()
    imported_threats: tuple[ImportedThreat, ...] = ()  # never gate, never rule threats

    def elements(self) -> Iterator[Element]:
        yield from self.services
        yield from self.endpoints
        yield from self.datastores
        yield from self.externals
        yield from self.flows
        yield from self.boundaries
        yield from self.iac

    def element(self, key: str) -> Element | None:
        return next((e for e in self.elements() if e.key == key), None)

    def service(self, name: str) -> Service | None:
        return next((s for s in self.services if s.name == name), None)
