"""Go web services: net/http, gin, echo, chi and gorilla/mux."""

from threatdelta.extractors.web.golang.extractor import GoExtractor

__all__ = ["GoExtractor"]
