"""Product catalogue on SQLite."""

import sqlite3

from flask import Flask, g, jsonify, request

app = Flask(__name__)
TABLE = "products"


def get_db():
    if "db" not in g:
        g.db = sqlite3.connect("catalogue.db")
    return g.db


@app.get("/products/search")
def search_products():
    term = request.args.get("q", "")
    cur = get_db().cursor()
    # ruleid: TD-T001
    cur.execute(f"SELECT id, name FROM products WHERE name LIKE '%{term}%'")
    return jsonify({"products": cur.fetchall()})


@app.get("/products/<int:product_id>")
def get_product(product_id):
    cur = get_db().cursor()
    # ok: TD-T001
    cur.execute("SELECT id, name FROM products WHERE id = ?", (product_id,))
    return jsonify({"product": cur.fetchone()})


@app.get("/products")
def list_products():
    cur = get_db().cursor()
    # ok: TD-T001
    cur.execute(f"SELECT id, name FROM {TABLE} ORDER BY name")
    return jsonify({"products": cur.fetchall()})
