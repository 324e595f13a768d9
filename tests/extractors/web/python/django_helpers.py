"""Scan a small Django project written into tmp_path and pick endpoints by key."""

from __future__ import annotations

import textwrap
from pathlib import Path

from threatdelta.model import Endpoint
from threatdelta.pipeline import scan
from threatdelta.report import ScanReport

SETTINGS = """
ROOT_URLCONF = "proj.urls"
INSTALLED_APPS = ["rest_framework", "app"]
"""


def project(root: Path, files: dict[str, str], settings: str = SETTINGS) -> ScanReport:
    for rel, text in {"proj/settings.py": settings, **files}.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text))
    return scan(root)


def endpoints(report: ScanReport) -> dict[str, Endpoint]:
    return {ep.key: ep for ep in report.model.endpoints}
