from flask import Flask, jsonify, request
from sqlalchemy import text

from app.extensions import db

app = Flask(__name__)


@app.get("/patients/search")
def search_patients():
    term = request.args.get("q", "")
    # ruleid: TD-T001
    rows = db.session.execute(text("SELECT id FROM patients WHERE last_name LIKE :term LIMIT 20"), {"term": f"%{term}%"}).all()
    return jsonify([dict(row._mapping) for row in rows])
