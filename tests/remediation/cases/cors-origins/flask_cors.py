from flask import Flask
from flask_cors import CORS

app = Flask(__name__)
# ruleid: TD-I005
CORS(app, origins="*", supports_credentials=True)
