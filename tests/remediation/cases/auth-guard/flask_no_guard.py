from flask import Flask

app = Flask(__name__)


# ruleid: TD-S001
@app.post("/tags")
def create_tag():
    return "", 201
