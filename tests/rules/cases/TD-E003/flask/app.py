"""Team workspace: members update their profile; admins are flagged on the model."""

from flask import Flask, jsonify, request
from flask_login import LoginManager, current_user, login_required
from flask_sqlalchemy import SQLAlchemy

app = Flask(__name__)
db = SQLAlchemy(app)
login_manager = LoginManager(app)


class Member(db.Model):
    id = db.Column(db.Integer, primary_key=True)
    name = db.Column(db.String)
    email = db.Column(db.String)
    is_admin = db.Column(db.Boolean, default=False)


@app.post("/members")
@login_required
def create_member():
    # ruleid: TD-E003
    member = Member(**request.json)
    db.session.add(member)
    db.session.commit()
    return jsonify({"id": member.id}), 201


@app.patch("/me")
@login_required
def update_me():
    data = request.get_json()
    # ok: TD-E003
    current_user.name = data["name"]
    db.session.commit()
    return jsonify({"name": current_user.name})
