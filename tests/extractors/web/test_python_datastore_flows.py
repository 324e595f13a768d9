"""Multi-file projects through the whole pipeline: a model declared in one module and used by
handlers in others becomes a data store with flows from the full endpoint keys (after the
blueprint / router prefixes the linker resolves)."""

from __future__ import annotations

import textwrap
from pathlib import Path

from threatdelta.model import DataClass, DataFlow, EvidenceRole, ThreatModel
from threatdelta.pipeline import scan

MODELS = """
from clinic.extensions import db

class Patient(db.Model):
    __tablename__ = "patients"
    id = db.Column(db.Integer, primary_key=True)
    last_name = db.Column(db.String(80))
    diagnosis = db.Column(db.Text)

class AuditEntry(db.Model):
    id = db.Column(db.Integer, primary_key=True)
    action = db.Column(db.String(40))
"""


def _write(root: Path, files: dict[str, str]) -> None:
    for rel, text in files.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text))


def _flask_clinic(root: Path, models: str = MODELS) -> None:
    _write(
        root,
        {
            "clinic/extensions.py": "from flask_sqlalchemy import SQLAlchemy\ndb = SQLAlchemy()\n",
            "clinic/models.py": models,
            "clinic/__init__.py": """
                from flask import Flask
                from .api.patients import patients_bp
                from .api import visits

                def create_app():
                    app = Flask(__name__)
                    app.register_blueprint(patients_bp, url_prefix="/api/patients")
                    app.register_blueprint(visits.bp, url_prefix="/api/visits")
                    return app
                """,
            "clinic/api/patients.py": """
                from flask import Blueprint, request
                from clinic.extensions import db
                from clinic.models import Patient

                patients_bp = Blueprint("patients", __name__)

                @patients_bp.route("/", methods=["GET", "POST"])
                def collection():
                    if request.method == "POST":
                        db.session.add(Patient(**request.json))
                        db.session.commit()
                    return {"items": [p.id for p in Patient.query.all()]}

                @patients_bp.get("/<int:patient_id>")
                def show(patient_id):
                    return {"id": Patient.query.get_or_404(patient_id).id}
                """,
            "clinic/api/visits.py": """
                from flask import Blueprint
                from .. import models
                from ..extensions import db

                bp = Blueprint("visits", __name__)

                @bp.delete("/<int:patient_id>")
                def forget(patient_id):
                    patient = db.session.get(models.Patient, patient_id)
                    db.session.add(models.AuditEntry(action="forget"))
                    db.session.delete(patient)
                    return "", 204

                @bp.get("/health")
                def health():
                    return {"ok": True}
                """,
        },
    )


def _flows(model: ThreatModel) -> dict[str, DataFlow]:
    """The endpoint -> data store flows (not the internet -> app flows of link_flows)."""
    return {f.key: f for f in model.flows if f.source.startswith("endpoint:")}


def test_model_in_one_file_used_by_two_blueprints_gives_flows_from_full_endpoint_keys(
    tmp_path: Path,
) -> None:
    _flask_clinic(tmp_path)
    model = scan(tmp_path).model

    stores = {s.key: s for s in model.datastores}
    assert set(stores) == {"datastore:sql:patients", "datastore:sql:audit_entry"}
    patients = stores["datastore:sql:patients"]
    assert patients.data_classes == (DataClass.PII, DataClass.HEALTH)
    assert patients.evidence[0].location.path == "clinic/models.py"
    flows = _flows(model)
    assert set(flows) == {
        "flow:endpoint:GET /api/patients->datastore:sql:patients:sql",
        "flow:endpoint:POST /api/patients->datastore:sql:patients:sql",
        "flow:endpoint:GET /api/patients/{patient_id}->datastore:sql:patients:sql",
        "flow:endpoint:DELETE /api/visits/{patient_id}->datastore:sql:patients:sql",
        "flow:endpoint:DELETE /api/visits/{patient_id}->datastore:sql:audit_entry:sql",
    }
    forget = flows["flow:endpoint:DELETE /api/visits/{patient_id}->datastore:sql:patients:sql"]
    assert forget.data_classes == (DataClass.PII, DataClass.HEALTH)
    assert forget.protocol == "sql"
    [evidence] = forget.evidence
    assert (evidence.location.path, evidence.location.start_line) == ("clinic/api/visits.py", 10)
    assert evidence.role is EvidenceRole.PRIMARY
    endpoint_keys = {ep.key for ep in model.endpoints}
    assert {f.source for f in flows.values()} <= endpoint_keys


def test_a_new_sensitive_column_changes_the_store_and_the_data_of_its_flows(
    tmp_path: Path,
) -> None:
    base, head = tmp_path / "base", tmp_path / "head"
    _flask_clinic(base)
    _flask_clinic(
        head, MODELS.replace("    diagnosis", "    card_number = db.Column()\n    diagnosis")
    )
    before, after = scan(base).model, scan(head).model

    old = next(s for s in before.datastores if s.name == "patients")
    new = next(s for s in after.datastores if s.name == "patients")
    assert "card_number" in new.fields and "card_number" not in old.fields
    key = "flow:endpoint:GET /api/patients/{patient_id}->datastore:sql:patients:sql"
    assert DataClass.PAYMENT in _flows(after)[key].data_classes
    assert DataClass.PAYMENT not in _flows(before)[key].data_classes


def test_fastapi_router_using_a_model_re_exported_by_a_package(tmp_path: Path) -> None:
    _write(
        tmp_path,
        {
            "app/models/__init__.py": "from .user import User\n",
            "app/models/user.py": """
                from sqlalchemy.orm import Mapped, mapped_column
                from app.db import Base

                class User(Base):
                    __tablename__ = "users"
                    id: Mapped[int] = mapped_column(primary_key=True)
                    email: Mapped[str]
                    hashed_password: Mapped[str]
                """,
            "app/routers/users.py": """
                from fastapi import APIRouter, Depends
                from sqlalchemy.orm import Session
                from app.models import User
                from app.deps import get_db

                router = APIRouter(prefix="/users")

                @router.get("/{user_id}")
                def read_user(user_id: int, db: Session = Depends(get_db)):
                    return db.query(User).filter(User.id == user_id).first()
                """,
            "app/main.py": """
                from fastapi import FastAPI
                from app.routers import users

                app = FastAPI()
                app.include_router(users.router, prefix="/api/v1")
                """,
        },
    )
    model = scan(tmp_path).model
    [flow] = _flows(model).values()
    assert flow.key == "flow:endpoint:GET /api/v1/users/{user_id}->datastore:sql:users:sql"
    assert flow.data_classes == (DataClass.CREDENTIALS, DataClass.PII)


def test_two_services_with_a_user_model_each_resolve_to_their_own_table(tmp_path: Path) -> None:
    for name in ("billing", "portal"):
        _write(
            tmp_path,
            {
                f"{name}/app.py": f"""
                    from flask import Flask
                    from models import User
                    app = Flask(__name__)

                    @app.get("/{name}/me")
                    def me():
                        return {{"id": User.query.first().id}}
                    """,
                f"{name}/models.py": f"""
                    from db import db

                    class User(db.Model):
                        __tablename__ = "{name}_users"
                        id = db.Column(db.Integer, primary_key=True)
                    """,
            },
        )
    report = scan(tmp_path)
    assert sorted(f.target for f in _flows(report.model).values()) == [
        "datastore:sql:billing_users",
        "datastore:sql:portal_users",
    ]
    assert not [n for n in report.notifications if n.code == "ambiguous-datastore"]
