"""Entry point."""

from flask import Flask

app = Flask(__name__)

if __name__ == "__main__":
    # ruleid: TD-I002
    app.run(host="0.0.0.0", port=8080, debug=True)
