import os

from flask import Flask
from flask_cors import CORS

app = Flask(__name__)
# ruleid: TD-I005
CORS(app, origins=os.environ.get("CORS_ORIGINS", "").split(","), supports_credentials=True)
