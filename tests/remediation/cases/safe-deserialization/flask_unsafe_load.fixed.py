import yaml
from flask import Flask, jsonify, request

app = Flask(__name__)


@app.post("/forms")
def import_form():
    # ruleid: TD-T003
    form = yaml.safe_load(request.get_data(as_text=True))
    return jsonify({"fields": len(form)})
