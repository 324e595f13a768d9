"""Extractors for web-framework source code (Flask, FastAPI, Express)."""
