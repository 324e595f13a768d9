"""Python web frameworks (Flask, FastAPI, connexion) read with the standard `ast` module."""

from threatdelta.extractors.web.python.extractor import PythonWebExtractor

__all__ = ["PythonWebExtractor"]
