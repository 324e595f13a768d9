from flask import Flask, jsonify

app = Flask(__name__)


@app.get("/report")
def report():
    try:
        return jsonify(build_report())
    except ValueError as e:
        # ruleid: TD-I001
        return jsonify({"error": str(e)}), 500
