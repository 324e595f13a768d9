"""Member directory on MongoDB."""

import os

from flask import Flask, jsonify, request
from pymongo import MongoClient

app = Flask(__name__)
db = MongoClient(os.environ["MONGO_URL"]).directory


@app.post("/members/lookup")
def lookup_member():
    data = request.get_json()
    # ruleid: TD-T006
    member = db.members.find_one({"username": data["username"], "pin": data["pin"]})
    return jsonify({"found": member is not None})


@app.get("/members/featured")
def featured_members():
    # ok: TD-T006
    members = list(db.members.find({"featured": True}, {"_id": 0, "display_name": 1}))
    return jsonify({"members": members})
