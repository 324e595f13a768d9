"""Shop: customers see their orders and invoices; the product catalogue is public."""

from flask import Flask, abort, jsonify
from flask_login import LoginManager, current_user, login_required
from flask_sqlalchemy import SQLAlchemy

app = Flask(__name__)
db = SQLAlchemy(app)
login_manager = LoginManager(app)


class Order(db.Model):
    id = db.Column(db.Integer, primary_key=True)
    owner_id = db.Column(db.Integer)
    total = db.Column(db.Numeric)


class Invoice(db.Model):
    id = db.Column(db.Integer, primary_key=True)
    owner_id = db.Column(db.Integer)


class Product(db.Model):
    id = db.Column(db.Integer, primary_key=True)
    name = db.Column(db.String)


@app.get("/orders/<int:order_id>")
@login_required
def get_order(order_id):
    # ruleid: TD-E001
    order = Order.query.get_or_404(order_id)
    return jsonify({"id": order.id, "total": str(order.total)})


@app.get("/invoices/<int:invoice_id>")
@login_required
def get_invoice(invoice_id):
    # ok: TD-E001
    invoice = Invoice.query.get_or_404(invoice_id)
    if invoice.owner_id != current_user.id:
        abort(404)
    return jsonify({"id": invoice.id})


@app.get("/products/<int:product_id>")
def get_product(product_id):
    # ok: TD-E001
    product = Product.query.get_or_404(product_id)
    return jsonify({"id": product.id, "name": product.name})
