"""The OWASP Threat Dragon v2 reader: a `.json` file with `summary`, `detail.diagrams[].cells`
and a `version` of 2.x -> elements, flows, boundaries and imported threats (see
`docs/extraction-contract.md`, "Imported threat models"). Version 1 files (`diagramJson`)
and other versions give one `unsupported-model-version` notification."""

from __future__ import annotations

from threatdelta.extractors.base import SourceFile
from threatdelta.extractors.dfd.threat_dragon_cells import (
    DragonModel,
    Rect,
    add_boundary,
    add_flow,
    add_node,
    add_threats,
    box_members,
    cell_kind,
    node_rect,
)
from threatdelta.extractors.openapi.loader import load_structured
from threatdelta.extractors.openapi.tree import YamlMap, YamlSeq
from threatdelta.model.base import Level, Notification
from threatdelta.model.fragment import ModelFragment

MAX_CHARACTERS = 8 * 1024 * 1024
_Cells = list[tuple[YamlMap, str, tuple[int, int]]]


class ThreatDragonExtractor:
    """Threat Dragon v2 models -> a model fragment with imported threats."""

    @property
    def name(self) -> str:
        return "threat-dragon"

    @property
    def version(self) -> str:
        return "1"

    @property
    def suffixes(self) -> frozenset[str]:
        return frozenset({".json"})

    def claims(self, source: SourceFile) -> bool:
        text = source.text
        markers = ('"diagrams"', '"summary"', '"detail"')
        return all(m in text for m in markers) and ('"cells"' in text or '"diagramJson"' in text)

    def extract(self, source: SourceFile) -> ModelFragment:
        if len(source.text) > MAX_CHARACTERS:
            return _noted(source, "file-too-large", f"over {MAX_CHARACTERS} characters; skipped")
        loaded = load_structured(source.text, source.path)
        if isinstance(loaded, Notification):
            return ModelFragment(path=source.path, extractor=self.name, notifications=(loaded,))
        root = loaded.root
        detail = root.map("detail") if isinstance(root, YamlMap) else None
        diagrams = detail.seq("diagrams") if detail is not None else None
        if not isinstance(root, YamlMap) or diagrams is None:
            return _noted(source, "not-a-model", "no `detail.diagrams`: not a Threat Dragon model")
        version = root.text("version") or ""
        if not version.startswith("2."):
            return _noted(source, "unsupported-model-version", _version_message(version, diagrams))
        model = DragonModel(path=source.path)
        _read_cells(model, [c for d in diagrams.maps() for c in _cells(d)])
        return ModelFragment(
            path=source.path,
            extractor=self.name,
            services=tuple(model.services.values()),
            datastores=tuple(model.stores.values()),
            externals=tuple(model.externals.values()),
            flows=tuple(model.flows.values()),
            boundaries=tuple(model.boundaries.values()),
            imported_threats=tuple(model.threats),
            notifications=(*loaded.notifications, *model.notes),
        )


def _version_message(version: str, diagrams: YamlSeq) -> str:
    if not version and any("diagramJson" in d for d in diagrams.maps()):
        version = "1.x"
    shown = version or "none"
    return f"Threat Dragon model version {shown}; only version 2.x is read; skipped"


def _cells(diagram: YamlMap) -> _Cells:
    cells = diagram.seq("cells")
    if cells is None:
        return []
    found: _Cells = []
    for index, cell in enumerate(cells):
        if isinstance(cell, YamlMap) and (kind := cell_kind(cell)):
            found.append((cell, kind, cells.spans[index]))
    return found


def _read_cells(model: DragonModel, cells: _Cells) -> None:
    """Nodes first, then the boxes around them, then the flows between them."""
    nodes: dict[str, tuple[str, Rect | None]] = {}
    keys: list[tuple[YamlMap, str]] = []
    for cell, kind, span in cells:
        if kind in ("actor", "process", "store"):
            key = add_node(model, cell, kind, span)
            nodes[cell.text("id") or f"#{span[0]}"] = (key, node_rect(cell))
            keys.append((cell, key))
    for cell, kind, span in cells:
        if kind in ("box", "boundary"):
            members = box_members(cell, nodes) if kind == "box" else ()
            add_boundary(model, cell, kind, span, members)
    for cell, kind, span in cells:
        if kind == "flow" and (flow := add_flow(model, cell, span, nodes)) is not None:
            keys.append((cell, flow))
    for cell, key in keys:
        add_threats(model, cell, key)


def _noted(source: SourceFile, code: str, message: str) -> ModelFragment:
    note = Notification(level=Level.WARNING, code=code, path=source.path, message=message)
    return ModelFragment(path=source.path, extractor="threat-dragon", notifications=(note,))
