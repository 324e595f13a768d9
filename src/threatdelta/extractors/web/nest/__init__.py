"""NestJS (TypeScript) extractor built on tree-sitter."""

from threatdelta.extractors.web.nest.extractor import NestExtractor

__all__ = ["NestExtractor"]
