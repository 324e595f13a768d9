"""Recipe service configured from this module (`app.config.from_object(__name__)`)."""

import os

from flask import Flask, jsonify

# ruleid: TD-I002
DEBUG = True
SECRET_KEY = os.environ["RECIPES_SECRET_KEY"]

app = Flask(__name__)
app.config.from_object(__name__)

RECIPES = [{"id": 1, "name": "Soda bread"}]


@app.get("/recipes")
def list_recipes():
    return jsonify(RECIPES)


if __name__ == "__main__":
    # ruleid: TD-I002
    app.run(host="0.0.0.0", port=8000, debug=True)
