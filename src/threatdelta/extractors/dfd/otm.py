"""The Open Threat Model reader: a JSON or YAML file with `otmVersion: 0.2.x` -> trust
zones as boundaries, components as services / data stores / external entities, dataflows as
flows, and the threat instances on them with their state (see `docs/extraction-contract.md`,
"Imported threat models"). Other versions give one `unsupported-model-version` note."""

from __future__ import annotations

from threatdelta.extractors.base import SourceFile
from threatdelta.extractors.dfd.otm_elements import (
    OtmParts,
    boundaries,
    read_components,
    read_flows,
    read_zones,
)
from threatdelta.extractors.dfd.otm_threats import Catalogue, threats_on
from threatdelta.extractors.openapi.loader import load_structured
from threatdelta.extractors.openapi.tree import YamlMap
from threatdelta.model.base import Level, Notification
from threatdelta.model.elements import DataStore, ExternalEntity, Service
from threatdelta.model.fragment import ModelFragment

MAX_CHARACTERS = 8 * 1024 * 1024


class OtmExtractor:
    """OTM 0.2 documents -> a model fragment with imported threats."""

    @property
    def name(self) -> str:
        return "otm"

    @property
    def version(self) -> str:
        return "1"

    @property
    def suffixes(self) -> frozenset[str]:
        return frozenset({".json", ".yaml", ".yml"})

    def claims(self, source: SourceFile) -> bool:
        return "otmVersion" in source.text

    def extract(self, source: SourceFile) -> ModelFragment:
        if len(source.text) > MAX_CHARACTERS:
            return _noted(source, "file-too-large", f"over {MAX_CHARACTERS} characters; skipped")
        loaded = load_structured(source.text, source.path)
        if isinstance(loaded, Notification):
            return ModelFragment(path=source.path, extractor=self.name, notifications=(loaded,))
        root = loaded.root
        if not isinstance(root, YamlMap) or root.text("otmVersion") is None:
            return _noted(source, "not-a-model", "no top-level `otmVersion`: not an OTM document")
        version = root.text("otmVersion") or ""
        if not (version == "0.2" or version.startswith("0.2.")):
            message = f"OTM version {version}; only 0.2.x is read; skipped"
            return _noted(source, "unsupported-model-version", message)
        return _fragment(source.path, root, loaded.notifications)


def _fragment(path: str, root: YamlMap, notes: tuple[Notification, ...]) -> ModelFragment:
    parts = OtmParts(path=path)
    read_zones(parts, root)
    components = read_components(parts, root)
    read_flows(parts, root)
    catalogue = Catalogue.of(root)
    threats = [t for item, key in components for t in threats_on(item, key, catalogue, path)]
    threats += [
        t for flow, item in parts.flows for t in threats_on(item, flow.key, catalogue, path)
    ]
    elements: dict[str, ExternalEntity | DataStore | Service] = {}
    for element in parts.elements.values():
        elements.setdefault(element.key, element)
    return ModelFragment(
        path=path,
        extractor="otm",
        services=tuple(e for e in elements.values() if isinstance(e, Service)),
        datastores=tuple(e for e in elements.values() if isinstance(e, DataStore)),
        externals=tuple(e for e in elements.values() if isinstance(e, ExternalEntity)),
        flows=tuple(dict.fromkeys(flow for flow, _ in parts.flows)),
        boundaries=boundaries(parts, root),
        imported_threats=tuple(threats),
        notifications=(*notes, *parts.notes),
    )


def _noted(source: SourceFile, code: str, message: str) -> ModelFragment:
    note = Notification(level=Level.WARNING, code=code, path=source.path, message=message)
    return ModelFragment(path=source.path, extractor="otm", notifications=(note,))
