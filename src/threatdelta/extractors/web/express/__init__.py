"""Express (JavaScript/TypeScript) extractor built on tree-sitter."""

from threatdelta.extractors.web.express.extractor import ExpressExtractor

__all__ = ["ExpressExtractor"]
