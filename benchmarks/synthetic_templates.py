# ruff: noqa: E501  (the templates hold generated source lines as they will be written)
"""Source templates of the synthetic repository: one small, idiomatic file per framework
idiom (app factories, blueprints and routers mounted with prefixes, auth guards, SQL, a few
unsafe patterns). `generate_synthetic.py` fills them in."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Route:
    """One endpoint of a router, relative to it."""

    method: str  # GET, POST, ...
    suffix: str  # "", "/{id}", "/search", "/{id}/archive"
    action: str  # list, create, get, update, delete, search, archive
    guarded: bool
    unsafe: str  # "", "sql", "shell", "eval", "idor", "mass"


def flask_path(suffix: str) -> str:
    return suffix.replace("{id}", "<int:item_id>")


def express_path(suffix: str) -> str:
    return suffix.replace("{id}", ":id") or "/"


FLASK_HEADER = '''"""{title} endpoints."""

import logging
import subprocess

from flask import Blueprint, abort, jsonify, request
from flask_login import current_user, login_required
from sqlalchemy import text

from {package}.extensions import db, limiter
from {package}.models import {model}

{var} = Blueprint("{name}", __name__)
logger = logging.getLogger(__name__)
'''

FLASK_BODIES = {
    "list": """    page = request.args.get("page", 1, type=int)
    items = {model}.query.paginate(page=page, per_page=50)
    return jsonify([i.to_dict() for i in items.items])""",
    "create": """    payload = request.get_json(force=True)
    item = {model}(name=payload["name"], owner_id=current_user.id)
    db.session.add(item)
    db.session.commit()
    logger.info("{name} %s created", item.id)
    return jsonify(item.to_dict()), 201""",
    "get": """    item = {model}.query.filter_by(id=item_id, owner_id=current_user.id).first_or_404()
    return jsonify(item.to_dict())""",
    "update": """    item = {model}.query.filter_by(id=item_id, owner_id=current_user.id).first_or_404()
    item.name = request.get_json(force=True)["name"]
    db.session.commit()
    logger.info("{name} %s updated", item.id)
    return jsonify(item.to_dict())""",
    "delete": """    item = {model}.query.filter_by(id=item_id, owner_id=current_user.id).first_or_404()
    db.session.delete(item)
    db.session.commit()
    logger.info("{name} %s deleted", item_id)
    return "", 204""",
    "search": """    term = request.args.get("q", "")
    rows = db.session.execute(text("SELECT id, name FROM {table} WHERE name LIKE :t"), {{"t": term}})
    return jsonify([dict(r._mapping) for r in rows])""",
    "archive": """    item = {model}.query.filter_by(id=item_id, owner_id=current_user.id).first_or_404()
    item.archived = True
    db.session.commit()
    logger.info("{name} %s archived", item.id)
    return jsonify(item.to_dict())""",
}

FLASK_UNSAFE = {
    "sql": """    term = request.args.get("q", "")
    rows = db.session.execute(text(f"SELECT id, name FROM {table} WHERE name LIKE '%{{term}}%'"))
    return jsonify([dict(r._mapping) for r in rows])""",
    "shell": """    name = request.args.get("name", "report")
    subprocess.run(f"tar -czf /tmp/{{name}}.tgz /srv/{table}", shell=True, check=True)
    return jsonify({{"status": "queued"}})""",
    "eval": """    expression = request.get_json(force=True)["expression"]
    return jsonify({{"value": eval(expression)}})""",
    "idor": """    item = {model}.query.get_or_404(item_id)
    return jsonify(item.to_dict())""",
    "mass": """    item = {model}(**request.get_json(force=True))
    db.session.add(item)
    db.session.commit()
    return jsonify(item.to_dict()), 201""",
}

FLASK_APP = '''"""Application factory of {title}."""

from flask import Flask

from {package}.extensions import db, limiter, login_manager
{imports}


def create_app() -> Flask:
    app = Flask(__name__)
    app.config.from_prefixed_env()
    db.init_app(app)
    limiter.init_app(app)
    login_manager.init_app(app)
{mounts}
    return app
'''

FLASK_EXTENSIONS = """from flask_limiter import Limiter
from flask_limiter.util import get_remote_address
from flask_login import LoginManager
from flask_sqlalchemy import SQLAlchemy

db = SQLAlchemy()
limiter = Limiter(key_func=get_remote_address)
login_manager = LoginManager()
"""

PY_MODEL = """from {package}.extensions import db


class {model}(db.Model):
    __tablename__ = "{table}"

    id = db.Column(db.Integer, primary_key=True)
    owner_id = db.Column(db.Integer, nullable=False)
    name = db.Column(db.String(120), nullable=False)
    archived = db.Column(db.Boolean, default=False)

    def to_dict(self):
        return {{"id": self.id, "name": self.name, "archived": self.archived}}
"""

FASTAPI_HEADER = '''"""{title} endpoints."""

import logging

from fastapi import APIRouter, Depends, HTTPException
from pydantic import BaseModel
from sqlalchemy import text
from sqlalchemy.orm import Session

from {package}.deps import get_current_user, get_db

router = APIRouter(prefix="/{name}", tags=["{name}"]{router_deps})
logger = logging.getLogger(__name__)


class {model}In(BaseModel):
    name: str
    description: str = ""
'''

FASTAPI_BODIES = {
    "list": """    rows = db.execute(text("SELECT id, name FROM {table} LIMIT :n OFFSET :o"), {{"n": limit, "o": offset}})
    return [dict(r._mapping) for r in rows]""",
    "create": """    db.execute(text("INSERT INTO {table} (name) VALUES (:n)"), {{"n": body.name}})
    logger.info("{name} created by %s", user["id"])
    return {{"status": "created"}}""",
    "get": """    row = db.execute(text("SELECT id, name FROM {table} WHERE id = :i AND owner_id = :u"), {{"i": item_id, "u": user["id"]}}).first()
    if row is None:
        raise HTTPException(status_code=404)
    return dict(row._mapping)""",
    "update": """    db.execute(text("UPDATE {table} SET name = :n WHERE id = :i"), {{"n": body.name, "i": item_id}})
    logger.info("{name} %s updated", item_id)
    return {{"status": "updated"}}""",
    "delete": """    db.execute(text("DELETE FROM {table} WHERE id = :i"), {{"i": item_id}})
    logger.info("{name} %s deleted", item_id)
    return {{"status": "deleted"}}""",
    "search": """    rows = db.execute(text("SELECT id, name FROM {table} WHERE name LIKE :q"), {{"q": q}})
    return [dict(r._mapping) for r in rows]""",
    "archive": """    db.execute(text("UPDATE {table} SET archived = true WHERE id = :i"), {{"i": item_id}})
    logger.info("{name} %s archived", item_id)
    return {{"status": "archived"}}""",
}

FASTAPI_UNSAFE = {
    "sql": """    rows = db.execute(text(f"SELECT id, name FROM {table} WHERE name LIKE '%{{q}}%'"))
    return [dict(r._mapping) for r in rows]""",
}

FASTAPI_APP = '''"""{title} service."""

from fastapi import FastAPI

{imports}

app = FastAPI(title="{title}")
{mounts}


@app.get("/{prefix}/healthz")
def healthz():
    return {{"status": "ok"}}
'''

FASTAPI_DEPS = """from fastapi import Depends, HTTPException
from fastapi.security import OAuth2PasswordBearer

oauth2_scheme = OAuth2PasswordBearer(tokenUrl="token")


def get_db():
    raise NotImplementedError("wired at startup")


def get_current_user(token: str = Depends(oauth2_scheme)):
    if not token:
        raise HTTPException(status_code=401)
    return {"id": 1, "token": token}
"""

EXPRESS_JS_APP = """const express = require('express');
const helmet = require('helmet');
const {{ isAuthenticated }} = require('./middleware/auth');
{imports}

const app = express();
app.use(helmet());
app.use(express.json());
{mounts}

module.exports = app;
"""

EXPRESS_TS_APP = """import express from 'express';
import helmet from 'helmet';
import {{ isAuthenticated }} from './middleware/auth';
{imports}

export const app = express();
app.use(helmet());
app.use(express.json());
{mounts}
"""

EXPRESS_AUTH_JS = """const jwt = require('jsonwebtoken');

function isAuthenticated(req, res, next) {
  const token = (req.headers.authorization || '').replace('Bearer ', '');
  try {
    req.user = jwt.verify(token, process.env.JWT_SECRET, { algorithms: ['HS256'] });
    next();
  } catch (err) {
    res.status(401).json({ error: 'unauthorised' });
  }
}

module.exports = { isAuthenticated };
"""

EXPRESS_AUTH_TS = """import type { NextFunction, Request, Response } from 'express';
import jwt from 'jsonwebtoken';

export function isAuthenticated(req: Request, res: Response, next: NextFunction): void {
  const token = (req.headers.authorization ?? '').replace('Bearer ', '');
  try {
    (req as Request & { user?: unknown }).user = jwt.verify(token, String(process.env.JWT_SECRET), { algorithms: ['HS256'] });
    next();
  } catch {
    res.status(401).json({ error: 'unauthorised' });
  }
}
"""

EXPRESS_BODIES = {
    "list": """  const limit = Math.min(Number(req.query.limit || 20), 100);
  const rows = await db.query('SELECT id, name FROM {table} LIMIT $1', [limit]);
  res.json(rows.rows);""",
    "create": """  const row = await db.query('INSERT INTO {table} (name, owner_id) VALUES ($1, $2) RETURNING id', [req.body.name, req.user.id]);
  logger.info({{ id: row.rows[0].id }}, '{name} created');
  res.status(201).json(row.rows[0]);""",
    "get": """  const row = await db.query('SELECT id, name FROM {table} WHERE id = $1 AND owner_id = $2', [req.params.id, req.user.id]);
  res.json(row.rows[0]);""",
    "update": """  await db.query('UPDATE {table} SET name = $1 WHERE id = $2 AND owner_id = $3', [req.body.name, req.params.id, req.user.id]);
  logger.info({{ id: req.params.id }}, '{name} updated');
  res.json({{ status: 'updated' }});""",
    "delete": """  await db.query('DELETE FROM {table} WHERE id = $1 AND owner_id = $2', [req.params.id, req.user.id]);
  logger.info({{ id: req.params.id }}, '{name} deleted');
  res.status(204).end();""",
    "search": """  const rows = await db.query('SELECT id, name FROM {table} WHERE name ILIKE $1', ['%' + req.query.q + '%']);
  res.json(rows.rows);""",
    "archive": """  await db.query('UPDATE {table} SET archived = true WHERE id = $1', [req.params.id]);
  logger.info({{ id: req.params.id }}, '{name} archived');
  res.json({{ status: 'archived' }});""",
}

EXPRESS_UNSAFE = {
    "sql": """  const rows = await db.query(`SELECT id, name FROM {table} WHERE name ILIKE '%${{req.query.q}}%'`);
  res.json(rows.rows);""",
    "shell": """  exec(`tar -czf /tmp/${{req.query.name}}.tgz /srv/{table}`, () => res.json({{ status: 'queued' }}));""",
    "eval": """  res.json({{ value: eval(req.body.expression) }});""",
    "mass": """  const item = await Item.create(req.body);
  res.status(201).json(item);""",
    "idor": """  const item = await Item.findByPk(req.params.id);
  res.json(item);""",
}

EXPRESS_DB_JS = """const { Pool } = require('pg');
const pino = require('pino');
const { Sequelize, DataTypes } = require('sequelize');

const db = new Pool({ connectionString: process.env.DATABASE_URL });
const logger = pino();
const sequelize = new Sequelize(process.env.DATABASE_URL);
const Item = sequelize.define('Item', { name: DataTypes.STRING, owner_id: DataTypes.INTEGER });

module.exports = { db, logger, Item };
"""

EXPRESS_DB_TS = """import { Pool } from 'pg';
import pino from 'pino';
import { DataTypes, Sequelize } from 'sequelize';

export const db = new Pool({ connectionString: process.env.DATABASE_URL });
export const logger = pino();
const sequelize = new Sequelize(String(process.env.DATABASE_URL));
export const Item = sequelize.define('Item', { name: DataTypes.STRING, owner_id: DataTypes.INTEGER });
"""
