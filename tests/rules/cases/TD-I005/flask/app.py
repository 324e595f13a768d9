"""Dashboard API used by a single-page app on another origin, with cookie sessions."""

from flask import Flask, jsonify
from flask_cors import CORS
from flask_login import LoginManager, current_user, login_required

app = Flask(__name__)
login_manager = LoginManager(app)
# ruleid: TD-I005
CORS(app, origins="*", supports_credentials=True)


@app.get("/me/widgets")
@login_required
def my_widgets():
    return jsonify({"owner": current_user.id, "widgets": ["sales", "churn"]})
