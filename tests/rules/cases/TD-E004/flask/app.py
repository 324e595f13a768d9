"""Spreadsheet helper: evaluates cell formulas sent by the browser."""

import ast

from flask import Flask, jsonify, request

app = Flask(__name__)


@app.post("/cells/evaluate")
def evaluate_cell():
    formula = request.json["formula"]
    # ruleid: TD-E004
    value = eval(formula)
    return jsonify({"value": value})


@app.post("/cells/parse")
def parse_cell():
    # ok: TD-E004
    value = ast.literal_eval(request.json["literal"])
    return jsonify({"value": value})
