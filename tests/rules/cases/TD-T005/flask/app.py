"""Dashboard with post-login and outbound-link redirects."""

from flask import Flask, redirect, request, url_for

app = Flask(__name__)


@app.get("/continue")
def continue_to():
    target = request.args.get("next", "/")
    # ruleid: TD-T005
    return redirect(target)


@app.get("/home")
def home():
    # ok: TD-T005
    return redirect(url_for("dashboard"))


@app.get("/dashboard")
def dashboard():
    return "dashboard"


@app.get("/help")
def help_page():
    # ok: TD-T005
    return redirect("https://docs.example.com/dashboard")
