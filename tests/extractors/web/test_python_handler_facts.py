"""Code facts inside handlers, with taint from request input, and the controls derived
from them (audit logging, object-level authorisation)."""

from __future__ import annotations

from python_web_helpers import endpoint, extract, facts

from threatdelta.model import FactKind, Location, Tri


def _one(text: str, method: str = "POST", path: str = "/x"):  # type: ignore[no-untyped-def]
    header = (
        "from flask import Flask, request, jsonify, redirect, send_file\napp = Flask(__name__)\n"
    )
    return endpoint(extract(header + text), method, path)


def test_sql_built_with_fstring_from_query_arg_is_raw_sql_from_input() -> None:
    ep = _one(
        """
@app.get("/x")
def x():
    name = request.args.get("name")
    sql = f"SELECT * FROM users WHERE name = '{name}'"
    cursor.execute(sql)
    cursor.execute("SELECT * FROM users WHERE name = %s", (name,))
    cursor.execute("SELECT 1 FROM t WHERE k = '%s'" % LIMIT)
""",
        "GET",
    )
    raw = facts(ep, FactKind.SQL_RAW)
    assert [(f.name, f.location.start_line, f.from_input) for f in raw] == [
        ("cursor.execute", 8, Tri.YES),
        ("cursor.execute", 10, Tri.NO),
    ]
    assert raw[0].detail == "f-string passed to cursor.execute"
    assert ("name", "query") in [(p.name, p.location.value) for p in ep.parameters]


def test_sqlalchemy_text_with_concatenated_path_param() -> None:
    ep = _one(
        """
from sqlalchemy import text
@app.delete("/x/<item_id>")
def x(item_id):
    db.session.execute(text("DELETE FROM items WHERE id = " + item_id))
""",
        "DELETE",
        "/x/{item_id}",
    )
    (raw,) = facts(ep, FactKind.SQL_RAW)
    assert (raw.name, raw.from_input, raw.detail) == (
        "text",
        Tri.YES,
        "string concatenation passed to text",
    )


def test_outbound_http_file_command_deserialisation_and_eval_from_input() -> None:
    ep = _one(
        """
import os, pickle, subprocess, requests, yaml
@app.post("/x")
def x():
    url = request.json["url"]
    requests.get(url, timeout=5)
    open(os.path.join("/data", request.form["name"]))
    subprocess.run(f"convert {request.form['file']}", shell=True)
    subprocess.run(["convert", request.form["file"]])
    pickle.loads(request.data)
    yaml.load(request.data, Loader=yaml.SafeLoader)
    yaml.load(request.data, Loader=yaml.Loader)
    eval(request.args["expr"])
"""
    )
    got = {(f.kind, f.name, f.location.start_line, f.from_input) for f in ep.facts}
    assert (FactKind.OUTBOUND_HTTP, "requests.get", 8, Tri.YES) in got
    assert (FactKind.FILE_ACCESS, "open", 9, Tri.YES) in got
    assert (FactKind.FILE_ACCESS, "os.path.join", 9, Tri.YES) in got
    assert (FactKind.COMMAND_EXEC, "subprocess.run", 10, Tri.YES) in got
    assert not [
        f for f in ep.facts if f.kind is FactKind.COMMAND_EXEC and f.location.start_line == 11
    ]
    assert (FactKind.UNSAFE_DESERIALIZATION, "pickle.loads", 12, Tri.YES) in got
    assert [f.location.start_line for f in facts(ep, FactKind.UNSAFE_DESERIALIZATION)] == [12, 14]
    assert (FactKind.CODE_EVAL, "eval", 15, Tri.YES) in got
    assert ep.request_fields == ("url", "name", "file")


def test_secure_filename_cleans_a_path_and_literals_are_not_input() -> None:
    ep = _one(
        """
import os
from werkzeug.utils import secure_filename
UPLOADS = "/srv/uploads"
@app.post("/x")
def x():
    f = request.files["doc"]
    f.save(os.path.join(UPLOADS, secure_filename(f.filename)))
"""
    )
    (join,) = facts(ep, FactKind.FILE_ACCESS)
    assert join.from_input is Tri.NO


def test_redirect_and_regex_from_input() -> None:
    ep = _one(
        """
import re
@app.get("/x")
def x():
    re.compile(request.args["pattern"])
    re.compile("^[a-z]+$")
    return redirect(request.args.get("next"))
""",
        "GET",
    )
    assert [(f.name, f.from_input) for f in facts(ep, FactKind.REGEX_COMPILE)] == [
        ("re.compile", Tri.YES)
    ]
    assert [(f.name, f.from_input) for f in facts(ep, FactKind.REDIRECT)] == [("redirect", Tri.YES)]


def test_exception_text_in_a_response_is_reported_but_validation_messages_are_not() -> None:
    ep = _one(
        """
import traceback
@app.post("/x")
def x():
    try:
        work()
    except ValidationError as err:
        return jsonify(err.messages), 400
    except Exception as e:
        return jsonify({"error": str(e)}), 500
    except KeyError:
        return jsonify({"trace": traceback.format_exc()}), 500
"""
    )
    errors = facts(ep, FactKind.ERROR_TEXT_RETURNED)
    assert [(f.name, f.location.start_line) for f in errors] == [
        ("e", 12),
        ("traceback.format_exc", 14),
    ]


def test_audit_logging_on_state_changing_handlers() -> None:
    frag = extract(
        """
import logging
from flask import Flask
app = Flask(__name__)
logger = logging.getLogger(__name__)

@app.post("/logged")
def logged():
    logger.info("created")
    return "", 201

@app.post("/silent")
def silent():
    print("created")
    return "", 201

@app.get("/read")
def read():
    return ""
"""
    )
    logged = endpoint(frag, "POST", "/logged")
    assert logged.audit_logged is Tri.YES
    assert [(f.name, f.location.start_line) for f in facts(logged, FactKind.AUDIT_LOG)] == [
        ("logger.info", 9)
    ]
    assert endpoint(frag, "POST", "/silent").audit_logged is Tri.NO
    assert endpoint(frag, "GET", "/read").audit_logged is Tri.UNKNOWN


def test_object_lookup_by_path_id_without_ownership_check_is_missing_object_authorisation() -> None:
    frag = extract(
        """
from flask import Flask, abort
from flask_login import current_user, login_required
app = Flask(__name__)

@app.get("/notes/<int:note_id>")
@login_required
def read_note(note_id):
    return Note.query.get_or_404(note_id).to_dict()

@app.get("/own/<int:note_id>")
@login_required
def read_own(note_id):
    note = Note.query.get_or_404(note_id)
    if note.owner_id != current_user.id:
        abort(403)
    return note.to_dict()

@app.get("/mine/<int:note_id>")
@login_required
def read_mine(note_id):
    return Note.query.filter_by(id=note_id, owner_id=current_user.id).first_or_404()
"""
    )
    bare = endpoint(frag, "GET", "/notes/{note_id}")
    (lookup,) = facts(bare, FactKind.OBJECT_LOOKUP_BY_ID)
    assert (lookup.name, lookup.location, lookup.from_input) == (
        "Note.query.get_or_404",
        Location(path="app.py", start_line=9, end_line=9),
        Tri.YES,
    )
    assert bare.object_authorization is Tri.NO
    own = endpoint(frag, "GET", "/own/{note_id}")
    assert [f.name for f in facts(own, FactKind.OWNERSHIP_CHECK)] == ["note.owner_id"]
    assert own.object_authorization is Tri.YES
    mine = endpoint(frag, "GET", "/mine/{note_id}")
    assert [f.name for f in facts(mine, FactKind.OWNERSHIP_CHECK)] == ["owner_id"]
    assert mine.object_authorization is Tri.YES


def test_request_body_copied_into_a_model_is_mass_assignment() -> None:
    ep = _one(
        """
@app.post("/x")
def x():
    data = request.get_json()
    user = User(**data)
    for key, value in request.json.items():
        setattr(user, key, value)
    safe = User(name=data["name"])
"""
    )
    got = [
        (f.name, f.location.start_line, f.from_input) for f in facts(ep, FactKind.MASS_ASSIGNMENT)
    ]
    assert got == [("User", 7, Tri.YES), ("setattr", 9, Tri.YES)]


def test_fastapi_parameters_are_input_and_pydantic_dump_is_not_mass_assignment() -> None:
    frag = extract(
        """
from fastapi import FastAPI, Request
from pydantic import BaseModel
import httpx
app = FastAPI()

class Item(BaseModel):
    name: str

@app.post("/items")
async def create(item: Item, request: Request, callback: str):
    Record(**item.model_dump())
    raw = await request.json()
    Record(**raw)
    async with httpx.AsyncClient() as client:
        await client.post(callback, json={"name": item.name})
"""
    )
    ep = endpoint(frag, "POST", "/items")
    assert [(f.name, f.location.start_line) for f in facts(ep, FactKind.MASS_ASSIGNMENT)] == [
        ("Record", 14)
    ]
    (http,) = facts(ep, FactKind.OUTBOUND_HTTP)
    assert (http.name, http.from_input) == ("client.post", Tri.YES)


def test_cookie_without_flags_names_the_missing_ones() -> None:
    ep = _one(
        """
@app.post("/x")
def x():
    resp = jsonify({})
    resp.set_cookie("session_id", make_id(), httponly=True)
    resp.set_cookie("theme", "dark", secure=True, httponly=True, samesite="Lax")
    return resp
"""
    )
    (cookie,) = facts(ep, FactKind.INSECURE_COOKIE)
    assert (cookie.name, cookie.detail, cookie.location.start_line) == (
        "session_id",
        "missing Secure, SameSite",
        7,
    )


def test_cross_origin_decorator_and_audit_decorator() -> None:
    frag = extract(
        """
from flask import Flask
from flask_cors import cross_origin
from .audit import audited
app = Flask(__name__)

@app.post("/widget")
@cross_origin(supports_credentials=True)
@audited("widget.created")
def widget():
    return ""
"""
    )
    ep = endpoint(frag, "POST", "/widget")
    (cors,) = facts(ep, FactKind.CORS_WILDCARD_CREDENTIALS)
    assert (cors.name, cors.location.start_line) == ("cross_origin", 8)
    assert ep.audit_logged is Tri.YES


def test_role_comparisons_are_permission_guards_not_ownership_checks() -> None:
    frag = extract(
        """
from flask import Flask, abort
from flask_login import current_user, login_required
app = Flask(__name__)

@app.get("/reports/<int:report_id>")
@login_required
def report(report_id):
    if current_user.role not in ("admin", "auditor"):
        abort(403)
    return Report.query.get_or_404(report_id).to_dict()
"""
    )
    ep = endpoint(frag, "GET", "/reports/{report_id}")
    assert facts(ep, FactKind.OWNERSHIP_CHECK) == []
    assert [f.name for f in facts(ep, FactKind.OBJECT_LOOKUP_BY_ID)] == ["Report.query.get_or_404"]
    assert ep.object_authorization is Tri.YES
