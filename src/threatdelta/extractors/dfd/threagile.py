"""The Threagile reader: a YAML file with `threagile_version` and `technical_assets` ->
services, data stores and external entities, their communication links as flows, trust
boundaries, and `risk_tracking` entries as imported threats with their status (see
`docs/extraction-contract.md`, "Imported threat models")."""

from __future__ import annotations

from threatdelta.extractors.base import SourceFile
from threatdelta.extractors.dfd.threagile_assets import (
    ThreagileParts,
    read_assets,
    read_boundaries,
    read_links,
    with_crossings,
)
from threatdelta.extractors.dfd.vocabulary import evidence_at, status_of
from threatdelta.extractors.openapi.loader import load_structured
from threatdelta.extractors.openapi.tree import YamlMap
from threatdelta.model.base import Level, Notification
from threatdelta.model.elements import DataFlow, DataStore, ExternalEntity, Service
from threatdelta.model.fragment import ModelFragment
from threatdelta.model.imported import ImportedThreat, ModelFormat

MAX_CHARACTERS = 8 * 1024 * 1024


class ThreagileExtractor:
    """Threagile models -> a model fragment with imported threats."""

    @property
    def name(self) -> str:
        return "threagile"

    @property
    def version(self) -> str:
        return "1"

    @property
    def suffixes(self) -> frozenset[str]:
        return frozenset({".yaml", ".yml"})

    def claims(self, source: SourceFile) -> bool:
        return "threagile_version" in source.text

    def extract(self, source: SourceFile) -> ModelFragment:
        if len(source.text) > MAX_CHARACTERS:
            return _noted(source, "file-too-large", f"over {MAX_CHARACTERS} characters; skipped")
        loaded = load_structured(source.text, source.path)
        if isinstance(loaded, Notification):
            return ModelFragment(path=source.path, extractor=self.name, notifications=(loaded,))
        root = loaded.root
        assets = root.map("technical_assets") if isinstance(root, YamlMap) else None
        if not isinstance(root, YamlMap) or root.text("threagile_version") is None:
            return _noted(source, "not-a-model", "no top-level `threagile_version`; skipped")
        if assets is None:
            message = "no `technical_assets` mapping: not a usable Threagile model; skipped"
            return _noted(source, "invalid-model", message)
        parts = ThreagileParts(path=source.path)
        read_assets(parts, assets)
        read_links(parts, assets)
        read_boundaries(parts, root.map("trust_boundaries") or YamlMap())
        flows = with_crossings(parts)
        elements: dict[str, ExternalEntity | DataStore | Service] = {}
        for asset in parts.assets.values():
            elements.setdefault(asset.key, asset)
        return ModelFragment(
            path=source.path,
            extractor=self.name,
            services=tuple(e for e in elements.values() if isinstance(e, Service)),
            datastores=tuple(e for e in elements.values() if isinstance(e, DataStore)),
            externals=tuple(e for e in elements.values() if isinstance(e, ExternalEntity)),
            flows=tuple(dict.fromkeys(flows.values())),
            boundaries=tuple(parts.boundaries),
            imported_threats=_tracked(parts, flows, root.map("risk_tracking")),
            notifications=(*loaded.notifications, *parts.notes),
        )


def _element_of(risk_id: str, parts: ThreagileParts, flows: dict[str, DataFlow]) -> str:
    """The asset or link a synthetic risk id names first (`category@asset@...`)."""
    for segment in risk_id.split("@")[1:]:
        if segment in flows:
            return flows[segment].key
        if segment in parts.assets:
            return parts.assets[segment].key
    return ""


def _tracked(
    parts: ThreagileParts, flows: dict[str, DataFlow], tracking: YamlMap | None
) -> tuple[ImportedThreat, ...]:
    found: list[ImportedThreat] = []
    for risk_id, entry in (tracking or YamlMap()).items():
        if not isinstance(entry, YamlMap) or tracking is None:
            continue
        category = risk_id.split("@", 1)[0]
        found.append(
            ImportedThreat(
                element=_element_of(risk_id, parts, flows),
                title=category.replace("-", " ") or risk_id,
                status=status_of(entry.text("status") or "unchecked"),
                description=entry.text("justification") or "",
                source_id=risk_id,
                source_format=ModelFormat.THREAGILE,
                evidence=evidence_at(parts.path, tracking.span_of(risk_id)),
            )
        )
    return tuple(found)


def _noted(source: SourceFile, code: str, message: str) -> ModelFragment:
    note = Notification(level=Level.WARNING, code=code, path=source.path, message=message)
    return ModelFragment(path=source.path, extractor="threagile", notifications=(note,))
