"""A small Flask service written to disk and scanned with the real pipeline: the threats the
register tests triage are the ones a real scan finds."""

from __future__ import annotations

from pathlib import Path
from textwrap import dedent

from threatdelta.pipeline import scan
from threatdelta.report import ScanReport

API = "app/api.py"
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


    @app.route("/admin/users/<int:user_id>", methods=["DELETE"])
    def delete_user(user_id):
        db = sqlite3.connect("app.db")
        db.execute("DELETE FROM users WHERE id = ?", (user_id,))
        return "", 204


    @app.route("/health")
    def health():
        return "ok"
    """
)
CREATE = "endpoint:POST /users"
DELETE = "endpoint:DELETE /admin/users/{user_id}"


def write_app(root: Path, text: str = API_TEXT) -> Path:
    (root / "app").mkdir(parents=True, exist_ok=True)
    (root / API).write_text(text, encoding="utf-8")
    return root


def scanned(root: Path, text: str = API_TEXT) -> ScanReport:
    return scan(write_app(root, text), fixes=False)


def threat_id(report: ScanReport, rule_id: str, element: str) -> str:
    return next(t.id for t in report.threats if t.rule_id == rule_id and t.element == element)


def write_register(root: Path, text: str) -> Path:
    (root / ".threatdelta").mkdir(parents=True, exist_ok=True)
    path = root / ".threatdelta" / "register.yaml"
    path.write_text(text, encoding="utf-8")
    return path


CUSTOM_THREAT_YAML = """\
custom_threats:
  - element: "endpoint:POST /users"
    title: Coupon codes can be replayed
    name: coupon-replay
    stride: [T, R]
    attack_vector: A customer replays a coupon code in parallel requests.
    impact: Unlimited discounts.
    cwe: [837]
    severity: high
    evidence: app/api.py:9-13
    justification: found in the 2026 design review
"""
