"""Scan a small Django project written into tmp_path and pick endpoints by key."""

from __future__ import annotations

import textwrap
from pathlib import Path

from threatdelta.extractors.base import SourceFile
from threatdelta.extractors.web.python import PythonWebExtractor
from threatdelta.model import Endpoint, FactKind, ModelFragment
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


def fragment(text: str, path: str = "app/views.py") -> ModelFragment:
    return PythonWebExtractor().extract(SourceFile(path=path, text=textwrap.dedent(text)))


def routed(frag: ModelFragment) -> dict[tuple[str, str, str], Endpoint]:
    """(view, method, path relative to the view) -> endpoint; a ViewSet action's router
    (`View.action`) is folded into its view at the prefix the view mounts it."""
    actions = {
        m.child: (m.parent.name, m.prefix)
        for m in frag.mounts
        if m.child.name.startswith(m.parent.name + ".")
    }
    found: dict[tuple[str, str, str], Endpoint] = {}
    for r in frag.endpoints:
        view, prefix = (r.router.name, "") if r.router else ("", "")
        if r.router in actions:
            view, prefix = actions[r.router]
        path = "/".join(p for p in (prefix, r.endpoint.path) if p)
        found[(view, r.endpoint.method, path)] = r.endpoint
    return found


def kinds(ep: Endpoint) -> list[FactKind]:
    return [f.kind for f in ep.facts]
