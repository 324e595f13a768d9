import os

from flask import Flask, send_file, send_from_directory

app = Flask(__name__)


@app.get("/files/<path:name>")
def download(name):
    # ruleid: TD-T002
    return send_from_directory(app.config["UPLOAD_FOLDER"], name)
