"""Side models: files preloaded as a guess at the related ones (`neighbours`) save a second
link when the guess holds and never change what a change affects or which threats it has."""

from __future__ import annotations

from pathlib import Path

from threatdelta.diff.context import CommitContext
from threatdelta.diff.incremental import (
    Fragments,
    affected_elements,
    link_side,
    neighbours,
    side_models,
)
from threatdelta.engine import run_rules
from threatdelta.extractors.base import SourceFile
from threatdelta.model.base import Notification
from threatdelta.model.fragment import ModelFragment
from threatdelta.model.threat_model import ThreatModel
from threatdelta.pipeline import extract_file, scan_with_inputs
from threatdelta.rules.registry import RULES

APP = """\
from flask import Flask

from routes import bp

app = Flask(__name__)
app.register_blueprint(bp, url_prefix="/api")
"""

ROUTES = """\
from flask import Blueprint, request

bp = Blueprint("pets", __name__)


@bp.get("/pets")
def list_pets():
    return []
"""

NEW_ROUTE = """

@bp.post("/pets/import")
def import_pets():
    rows = request.get_json(force=True)
    return {"imported": len(rows)}, 201
"""

SPEC = """\
openapi: 3.0.3
info: {title: Pets, version: "1"}
paths:
  /api/pets:
    get:
      operationId: listPets
      responses:
        "200": {description: ok}
"""

OTHER = """\
from flask import Blueprint

other = Blueprint("other", __name__)


@other.get("/status")
def status():
    return {}
"""


class _Sides:
    """The analysed base of the toy repository and a head where routes.py gains a route."""

    def __init__(self, root: Path) -> None:
        root.mkdir(exist_ok=True)
        files = {"app.py": APP, "routes.py": ROUTES, "openapi.yaml": SPEC, "other.py": OTHER}
        for name, text in files.items():
            (root / name).write_text(text, encoding="utf-8")
        report, self.inputs = scan_with_inputs(root)
        fragments = [f for found in self.inputs.fragments.values() for f in found]
        self.context = CommitContext.of("base", fragments, report.model)
        source = SourceFile(path="routes.py", text=ROUTES + NEW_ROUTE)
        self.head, _ = extract_file(source, self.inputs.extractors)
        self.base_links = 0

    def load_base(self, path: str) -> list[ModelFragment]:
        return list(self.inputs.fragments.get(path, ()))

    def load_head(self, path: str) -> list[ModelFragment]:
        return list(self.head) if path == "routes.py" else self.load_base(path)

    def link_base(self, full: Fragments) -> tuple[ThreatModel, tuple[Notification, ...]]:
        self.base_links += 1
        return link_side(self.context, full, set())


def test_neighbours_are_the_files_declaring_the_same_endpoints(tmp_path: Path) -> None:
    sides = _Sides(tmp_path)
    assert neighbours(sides.context, {"routes.py"}) == {"openapi.yaml"}
    assert neighbours(sides.context, {"other.py"}) == set()


def test_preloaded_neighbours_link_each_side_once_with_the_same_outcome(tmp_path: Path) -> None:
    changed = {"routes.py": ("routes.py", "routes.py")}
    outcomes = []
    for preload in (set(), {"openapi.yaml"}):
        sides = _Sides(tmp_path / str(len(preload)))
        models = side_models(
            sides.context,
            changed,
            sides.load_base,
            sides.load_head,
            guards=set(),
            preload=preload,
            link_base=sides.link_base,
        )
        found = affected_elements(models, set())
        keys = {a.key for a in found}
        threats = sorted(
            (t.rule_id, t.element) for t in run_rules(models.head, RULES)[0] if t.element in keys
        )
        outcomes.append((sides.base_links, models.files, found, threats))
    (links_without, files_without, *without), (links_with, files_with, *with_preload) = outcomes
    assert (links_without, links_with) == (2, 1)
    assert files_without == files_with == {"routes.py", "openapi.yaml"}
    assert with_preload == without
    assert "endpoint:POST /api/pets/import" in {a.key for a in with_preload[0]}
    assert ("TD-S001", "endpoint:POST /api/pets/import") in with_preload[1]
