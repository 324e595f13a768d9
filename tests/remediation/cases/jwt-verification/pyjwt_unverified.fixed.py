import os

import jwt
from flask import Flask, jsonify, request

app = Flask(__name__)


@app.get("/me")
def me():
    token = request.headers.get("Authorization", "")
    # ruleid: TD-S003
    claims = jwt.decode(token, os.environ["JWT_SECRET"], algorithms=["HS256"])
    return jsonify({"sub": claims.get("sub")})
