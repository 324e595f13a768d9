import os

from flask import Flask, send_file

app = Flask(__name__)


@app.get("/files/<path:name>")
def download(name):
    # ruleid: TD-T002
    return send_file(os.path.join(app.config["UPLOAD_FOLDER"], name))
