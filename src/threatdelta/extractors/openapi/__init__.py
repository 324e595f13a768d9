"""OpenAPI 2.0 / 3.0 / 3.1 documents, and the safe YAML/JSON loader every structured-data
extractor uses (`loader.load_structured`)."""

from threatdelta.extractors.openapi.extractor import OpenApiExtractor
from threatdelta.extractors.openapi.loader import LoadLimits, load_structured
from threatdelta.extractors.openapi.tree import LoadedDocument, TaggedStr, YamlMap, YamlSeq

__all__ = [
    "LoadLimits",
    "LoadedDocument",
    "OpenApiExtractor",
    "TaggedStr",
    "YamlMap",
    "YamlSeq",
    "load_structured",
]
