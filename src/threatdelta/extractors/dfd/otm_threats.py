"""OTM threats: the catalogue of `threats` and `mitigations` at the top of the document and
their instances on components and dataflows (`threats: [{threat, state, mitigations}]`)."""

from __future__ import annotations

from dataclasses import dataclass

from threatdelta.extractors.dfd.vocabulary import (
    evidence_at,
    severity_of,
    status_of,
    stride_letters,
)
from threatdelta.extractors.openapi.tree import YamlMap
from threatdelta.model.imported import ImportedThreat, ModelFormat


@dataclass(frozen=True)
class Catalogue:
    """Threat and mitigation definitions by id."""

    threats: dict[str, YamlMap]
    mitigations: dict[str, YamlMap]

    @staticmethod
    def of(root: YamlMap) -> Catalogue:
        return Catalogue(_by_id(root, "threats"), _by_id(root, "mitigations"))


def _by_id(root: YamlMap, key: str) -> dict[str, YamlMap]:
    items = root.seq(key)
    found: dict[str, YamlMap] = {}
    for item in items.maps() if items is not None else ():
        ident = item.text("id")
        if ident:
            found.setdefault(ident, item)
    return found


def severity_from(definition: YamlMap) -> str:
    """`attributes.severity` when given, else the 0-100 `risk.impact` in bands."""
    attributes = definition.map("attributes")
    written = severity_of((attributes.text("severity") if attributes else None) or "")
    if written:
        return written
    risk = definition.map("risk")
    impact = risk.get("impact") if risk is not None else None
    if not isinstance(impact, int | float) or isinstance(impact, bool) or impact <= 0:
        return ""
    return "high" if impact >= 75 else "medium" if impact >= 40 else "low"


def _stride(definition: YamlMap) -> tuple[str, ...]:
    categories = definition.seq("categories")
    letters: list[str] = []
    for item in categories or ():
        for letter in stride_letters(str(item)) if item is not None else ():
            if letter not in letters:
                letters.append(letter)
    return tuple(letters)


def _mitigation_text(instance: YamlMap, catalogue: Catalogue) -> str:
    parts: list[str] = []
    for ref in instance.seq("mitigations") or ():
        ident = ref.text("mitigation") if isinstance(ref, YamlMap) else None
        definition = catalogue.mitigations.get(ident or "")
        if definition is None:
            continue
        name = definition.text("name") or ident or ""
        described = definition.text("description")
        parts.append(f"{name}: {described}" if described else name)
    return "\n".join(parts)


def threats_on(
    holder: YamlMap, element: str, catalogue: Catalogue, path: str
) -> list[ImportedThreat]:
    """The threat instances listed on one component or dataflow."""
    instances = holder.seq("threats")
    if instances is None:
        return []
    found: list[ImportedThreat] = []
    for index, instance in enumerate(instances):
        if not isinstance(instance, YamlMap):
            continue
        ident = instance.text("threat") or ""
        definition = catalogue.threats.get(ident, YamlMap())
        found.append(
            ImportedThreat(
                element=element,
                title=" ".join((definition.text("name") or ident or "untitled threat").split()),
                stride=_stride(definition),
                status=status_of(instance.text("state") or "open"),
                severity=severity_from(definition),
                description=definition.text("description") or "",
                mitigation=_mitigation_text(instance, catalogue),
                source_id=ident,
                source_format=ModelFormat.OTM,
                evidence=evidence_at(path, instances.spans[index]),
            )
        )
    return found
