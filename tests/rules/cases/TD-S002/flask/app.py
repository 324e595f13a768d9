"""Clinic directory: patient contact lookups and an admin dashboard."""

from flask import Flask, jsonify
from flask_login import LoginManager, current_user, login_required

app = Flask(__name__)
login_manager = LoginManager(app)

PATIENTS = {1: {"email": "ada@example.org", "phone": "+44 20 7946 0000", "clinic": "north"}}
CLINICS = [{"name": "North", "opens": "08:00"}]


# ruleid: TD-S002
@app.get("/patients/<int:patient_id>/contact")
def patient_contact(patient_id):
    patient = PATIENTS[patient_id]
    return jsonify({"email": patient["email"], "phone": patient["phone"]})


# ok: TD-S002
@app.get("/me/contact")
@login_required
def my_contact():
    return jsonify({"email": current_user.email, "phone": current_user.phone})


# ok: TD-S002
@app.get("/clinics")
def list_clinics():
    return jsonify({"clinics": CLINICS})


# ruleid: TD-S002
@app.route("/admin/stats")
def admin_stats():
    return jsonify({"patients": len(PATIENTS), "clinics": len(CLINICS)})


# ok: TD-S002
@app.get("/internal/healthz")
def healthz():
    return jsonify({"status": "ok"})
