"""Event booking: public listings, bookings behind login, a cancellation left open."""

from flask import Flask, jsonify, request
from flask_login import LoginManager, current_user, login_required

app = Flask(__name__)
login_manager = LoginManager(app)
BOOKINGS = {}


# ok: TD-S001
@app.post("/bookings")
@login_required
def create_booking():
    booking_id = len(BOOKINGS) + 1
    BOOKINGS[booking_id] = {"user": current_user.get_id(), "event": request.get_json()["event"]}
    return jsonify({"id": booking_id}), 201


# ruleid: TD-S001
@app.delete("/bookings/<int:booking_id>")
def cancel_booking(booking_id):
    BOOKINGS.pop(booking_id, None)
    return "", 204


# ok: TD-S001
@app.post("/login")
def login():
    return jsonify({"ok": True})


# ok: TD-S001
@app.get("/events")
def list_events():
    return jsonify({"events": ["concert", "talk"]})
