"""Realistic reports for reporter tests: a small Flask service with an OpenAPI spec written to
disk, its architecture model built from model objects, and the real rule engine run over it.
(Reporters are pure, so a report built this way is what they see after a real scan.)"""

from __future__ import annotations

from pathlib import Path
from textwrap import dedent

from threatdelta.engine import run_rules
from threatdelta.findings.edit import TextEdit
from threatdelta.findings.scoring import cvss_score, fingerprint
from threatdelta.findings.threat import (
    Applicability,
    Confidence,
    Fix,
    Stride,
    Threat,
    ThreatSource,
)
from threatdelta.model import (
    CodeFact,
    Endpoint,
    Evidence,
    EvidenceRole,
    FactKind,
    Level,
    Location,
    Notification,
    Service,
    ThreatModel,
    Tri,
)
from threatdelta.report import ScanReport, ScanStats
from threatdelta.rules.catalogue import catalogue
from threatdelta.rules.registry import RULES

API = "app/api.py"
SPEC = "openapi.yaml"
ODD = "app/legacy [v1]/odd name:admin.py"

API_TEXT = dedent(
    """\
    import sqlite3

    from flask import Flask, jsonify, request

    app = Flask(__name__)


    @app.route("/users", methods=["POST"])
    def create_user():
        body = request.get_json()
        db = sqlite3.connect("app.db")
        db.execute(f"INSERT INTO users (name) VALUES ('{body['name']}')")
        return jsonify({"ok": True}), 201


    @app.route("/users/<int:user_id>", methods=["DELETE"])
    def delete_user(user_id):
        db = sqlite3.connect("app.db")
        db.execute("DELETE FROM users WHERE id = ?", (user_id,))
        return "", 204
    """
)

SPEC_TEXT = dedent(
    """\
    openapi: 3.0.3
    info: {title: users, version: "1"}
    paths:
      /users:
        post:
          operationId: create_user
          responses: {"201": {description: created}}
      /users/{user_id}:
        delete:
          operationId: delete_user
          responses: {"204": {description: deleted}}
    """
)

ODD_TEXT = "def purge():\n    `rm -rf` | @admin <b>x</b>\n"


def _loc(path: str, start: int, end: int | None = None) -> Location:
    return Location(path=path, start_line=start, end_line=end or start)


def _endpoints() -> tuple[Endpoint, ...]:
    create = _loc(API, 8, 13)
    delete = _loc(API, 16, 20)
    odd = _loc(ODD, 1, 2)
    sql = CodeFact(
        kind=FactKind.SQL_RAW,
        location=_loc(API, 12),
        name="db.execute",
        from_input=Tri.YES,
        detail="f-string passed to db.execute",
    )
    return (
        Endpoint(
            method="POST",
            path="/users",
            service="app",
            handler=create,
            handler_name="create_user",
            evidence=(
                Evidence(location=create),
                Evidence(location=_loc(SPEC, 5, 7), role=EvidenceRole.SPEC),
            ),
            authentication=Tri.NO,
            audit_logged=Tri.NO,
            facts=(sql,),
        ),
        Endpoint(
            method="DELETE",
            path="/users/{user_id}",
            service="app",
            handler=delete,
            evidence=(
                Evidence(location=delete),
                Evidence(location=_loc(SPEC, 9, 11), role=EvidenceRole.SPEC),
            ),
            authentication=Tri.UNKNOWN,
            audit_logged=Tri.NO,
        ),
        Endpoint(
            method="POST",
            path="/admin/purge|@team <script>",
            service="app",
            handler=odd,
            evidence=(Evidence(location=odd),),
            authentication=Tri.NO,
        ),
    )


def analyst_threat() -> Threat:
    """A threat whose rule is not in the catalogue (as the optional LLM analyst produces)."""
    vector = "CVSS:3.1/AV:N/AC:L/PR:L/UI:N/S:U/C:N/I:H/A:N"
    score, severity = cvss_score(vector)
    return Threat(
        id=fingerprint("TD-LLM-T900", "endpoint:DELETE /users/{user_id}"),
        rule_id="TD-LLM-T900",
        stride=(Stride.TAMPERING,),
        title="Deletion of any user by any caller",
        message="DELETE /users/{user_id} deletes the user named in the path [without checks].",
        attack_vector="A signed-in user sends DELETE for another user's id",
        impact="Accounts of other users are deleted.",
        cwe=(639,),
        cvss_vector=vector,
        score=score,
        severity=severity,
        confidence=Confidence.LOW,
        element="endpoint:DELETE /users/{user_id}",
        evidence=(Evidence(location=_loc(API, 16, 20)),),
        source=ThreatSource.LLM,
    )


def _notifications() -> tuple[Notification, ...]:
    return (
        Notification(
            level=Level.WARNING,
            code="parse-error",
            message="YAML syntax error at line 3: mapping values are not allowed [here]",
            path="deploy/broken.yaml",
        ),
        Notification(
            level=Level.WARNING,
            code="file-too-large",
            message="file is 2000000 bytes, over the 1048576-byte limit; skipped",
            path="static/bundle.js",
        ),
        Notification(
            level=Level.ERROR,
            code="rule-crashed",
            message="rule TD-X999 crashed and was skipped: KeyError: 'x'",
        ),
    )


def write_project(root: Path) -> None:
    for rel, text in ((API, API_TEXT), (SPEC, SPEC_TEXT), (ODD, ODD_TEXT)):
        target = root / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")


def sample_report() -> ScanReport:
    """Threats from the real rules over the sample model, plus one analyst threat."""
    model = ThreatModel(services=(Service(name="app", framework="flask"),), endpoints=_endpoints())
    threats, rule_notes = run_rules(model, RULES)
    return ScanReport(
        model=model,
        threats=(*threats, analyst_threat()),
        rules=catalogue(RULES),
        notifications=(*_notifications(), *rule_notes),
        stats=ScanStats(files_read=5, files_analysed=3, files_skipped=2),
    )


def empty_report() -> ScanReport:
    return ScanReport(model=ThreatModel(), rules=catalogue(RULES))


def write_scan_project(root: Path) -> None:
    """A small repository for a full `pipeline.scan`, with inputs that must become
    notifications (broken YAML, binary content, non-UTF-8 text) next to the sample service."""
    write_project(root)
    (root / "deploy").mkdir()
    (root / "deploy" / "broken.yaml").write_text("openapi: 3.0.0\npaths: [\n", encoding="utf-8")
    (root / "static").mkdir()
    (root / "static" / "logo.js").write_bytes(b"\x00\x01binary\x00")
    (root / "app" / "latin1.py").write_bytes("# caf\xe9\nx = 1\n".encode("latin-1"))


GUARD_IMPORT = "from flask_login import login_required"


def guard_fix() -> Fix:
    """A proven patch of the sample API: an import after line 3, a guard before line 9 (the
    `def create_user` line), one line replaced, and a blank line deleted."""
    return Fix(
        summary="Require a signed-in user on POST /users",
        patch="(unified diff)",
        applicability=Applicability.SAFE,
        family="auth-guard",
        edits=(
            TextEdit(path=API, start=4, end=3, lines=(GUARD_IMPORT,)),
            TextEdit(path=API, start=7, end=7),
            TextEdit(path=API, start=9, end=8, lines=("@login_required",)),
            TextEdit(
                path=API, start=11, end=11, lines=('    db = sqlite3.connect("app.db")  # x',)
            ),
        ),
    )


def patched_report() -> ScanReport:
    """The sample report with a proven patch on its first threat."""
    report = sample_report()
    first = report.threats[0].model_copy(update={"fix": guard_fix()})
    return report.model_copy(update={"threats": (first, *report.threats[1:])})
