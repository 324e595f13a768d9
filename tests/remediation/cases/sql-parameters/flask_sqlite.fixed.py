import sqlite3

from flask import Flask, jsonify, request

app = Flask(__name__)


@app.get("/invoices")
def list_invoices():
    status = request.args.get("status", "open")
    db = sqlite3.connect("billing.db")
    # ruleid: TD-T001
    rows = db.execute("SELECT id FROM invoices WHERE status = ? AND kind = ?", (status, 1)).fetchall()
    return jsonify(rows)
