"""Koa (JavaScript/TypeScript) extractor built on tree-sitter."""

from threatdelta.extractors.web.koa.extractor import KoaExtractor

__all__ = ["KoaExtractor"]
