"""Next.js API routes (Pages and App Router) extractor built on tree-sitter."""

from threatdelta.extractors.web.next.extractor import NextExtractor

__all__ = ["NextExtractor"]
