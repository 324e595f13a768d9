"""Fastify (JavaScript/TypeScript) extractor built on tree-sitter."""

from threatdelta.extractors.web.fastify.extractor import FastifyExtractor

__all__ = ["FastifyExtractor"]
