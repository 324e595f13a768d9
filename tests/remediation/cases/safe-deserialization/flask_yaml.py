import yaml
from flask import Flask, jsonify, request

app = Flask(__name__)


@app.post("/forms")
def import_form():
    # ruleid: TD-T003
    form = yaml.load(request.get_data(as_text=True), Loader=yaml.Loader)
    return jsonify({"fields": len(form)})
