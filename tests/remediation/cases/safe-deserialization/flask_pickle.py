import pickle

from flask import Flask, jsonify, request

app = Flask(__name__)


@app.post("/state")
def restore():
    # ruleid: TD-T003
    state = pickle.loads(request.get_data())
    return jsonify({"keys": len(state)})
