"""Generate a synthetic multi-service repository for `bench_scan.py`.

Flask (blueprints registered with `url_prefix` in the app factory), FastAPI (`APIRouter`
included with a prefix, auth by `Depends`), Express in JavaScript and TypeScript (routers
mounted with `app.use(prefix, ...)`, guards on the route or the mount) and OpenAPI specs (one
beside some code services, and spec-only services), with a sprinkling of unsafe patterns.
Deterministic for a given seed. Every service has its own path prefix and Python package
name, so endpoints and imported modules are distinct across the repository.

    python benchmarks/generate_synthetic.py OUT [--files 1000] [--seed 7]
"""

from __future__ import annotations

import argparse
import json
import random
import shutil
import sys
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from synthetic_openapi import openapi_document, to_yaml
from synthetic_templates import (
    EXPRESS_AUTH_JS,
    EXPRESS_AUTH_TS,
    EXPRESS_BODIES,
    EXPRESS_DB_JS,
    EXPRESS_DB_TS,
    EXPRESS_JS_APP,
    EXPRESS_TS_APP,
    EXPRESS_UNSAFE,
    FASTAPI_APP,
    FASTAPI_BODIES,
    FASTAPI_DEPS,
    FASTAPI_HEADER,
    FASTAPI_UNSAFE,
    FLASK_APP,
    FLASK_BODIES,
    FLASK_EXTENSIONS,
    FLASK_HEADER,
    FLASK_UNSAFE,
    PY_MODEL,
    Route,
    express_path,
    flask_path,
)

FRAMEWORKS = ("flask", "fastapi", "express-js", "express-ts", "openapi")
_WORDS = (
    "users accounts orders invoices products carts payments shipments reviews tickets "
    "devices reports notes files teams projects tasks comments subscriptions coupons "
    "warehouses suppliers refunds messages webhooks audits patients visits claims"
)
RESOURCES = tuple(_WORDS.split())
ACTIONS = (
    ("GET", "", "list"),
    ("POST", "", "create"),
    ("GET", "/{id}", "get"),
    ("PUT", "/{id}", "update"),
    ("DELETE", "/{id}", "delete"),
    ("GET", "/search", "search"),
    ("POST", "/{id}/archive", "archive"),
)
UNSAFE_CHANCE = 0.06


@dataclass
class Repo:
    root: Path
    files: int = 0
    endpoints: int = 0
    by_framework: Counter[str] = field(default_factory=Counter)

    def write(self, rel: str, text: str) -> None:
        path = self.root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        self.files += 1


def pick_routes(rng: random.Random, unsafe_kinds: tuple[str, ...]) -> list[Route]:
    chosen = sorted(rng.sample(range(len(ACTIONS)), rng.randint(2, 5)))
    routes = []
    for i in chosen:
        method, suffix, action = ACTIONS[i]
        unsafe = ""
        if unsafe_kinds and rng.random() < UNSAFE_CHANCE:
            unsafe = rng.choice(unsafe_kinds)
        routes.append(Route(method, suffix, action, rng.random() < 0.85, unsafe))
    return routes


def names(resource: str) -> dict[str, str]:
    singular = resource[:-1] if resource.endswith("s") else resource
    return {"name": resource, "table": resource, "model": singular.title().replace("_", "")}


def flask_service(repo: Repo, rng: random.Random, base: str, prefix: str, pkg: str) -> list[tuple]:
    resources = rng.sample(RESOURCES, rng.randint(5, 9))
    repo.write(f"{base}/{pkg}/extensions.py", FLASK_EXTENSIONS)
    models = "\n\n".join(PY_MODEL.format(package=pkg, **names(r)) for r in resources)
    repo.write(f"{base}/{pkg}/models.py", models)
    spec_ops: list[tuple] = []
    imports, mounts = [], []
    for res in resources:
        n = names(res)
        var = f"{res}_bp"
        out = [FLASK_HEADER.format(title=res.title(), package=pkg, var=var, **n)]
        for r in pick_routes(rng, tuple(FLASK_UNSAFE)):
            decorators = [f'@{var}.route("{flask_path(r.suffix)}", methods=["{r.method}"])']
            if r.guarded:
                decorators.append("@login_required")
            params = "item_id: int" if "{id}" in r.suffix else ""
            body = (FLASK_UNSAFE.get(r.unsafe) or FLASK_BODIES[r.action]).format(**n)
            out.append(
                "\n\n" + "\n".join(decorators) + f"\ndef {r.action}_{res}({params}):\n{body}\n"
            )
            spec_ops.append((r.method, f"{prefix}/{res}{r.suffix}".replace("{id}", "{item_id}")))
        if rng.random() < 0.3:
            out.append(
                f'\n\n@{var}.post("/login")\n@limiter.limit("5 per minute")\ndef login_{res}():\n'
                '    logger.info("sign-in attempt")\n    return jsonify({"token": "t"})\n'
            )
            spec_ops.append(("POST", f"{prefix}/{res}/login"))
        repo.write(f"{base}/{pkg}/routes/{res}.py", "".join(out))
        imports.append(f"from {pkg}.routes.{res} import {var}")
        mounts.append(f'    app.register_blueprint({var}, url_prefix="{prefix}/{res}")')
    app = FLASK_APP.format(
        title=base, package=pkg, imports="\n".join(imports), mounts="\n".join(mounts)
    )
    repo.write(f"{base}/{pkg}/__init__.py", app)
    return spec_ops


def fastapi_signature(r: Route, model: str, router_guard: bool) -> str:
    params = []
    if "{id}" in r.suffix:
        params.append("item_id: int")
    if r.action == "search":
        params.append("q: str")
    if r.action in ("create", "update"):
        params.append(f"body: {model}In")
    if r.action == "list":
        params += ["limit: int = 20", "offset: int = 0"]
    params.append("db: Session = Depends(get_db)")
    if r.guarded and not router_guard:
        params.append("user: dict = Depends(get_current_user)")
    else:
        params.append('user: dict = {"id": 0}')
    return ", ".join(params)


def fastapi_service(
    repo: Repo, rng: random.Random, base: str, prefix: str, pkg: str
) -> list[tuple]:
    resources = rng.sample(RESOURCES, rng.randint(5, 9))
    repo.write(f"{base}/{pkg}/deps.py", FASTAPI_DEPS)
    spec_ops: list[tuple] = []
    imports, mounts = [], []
    for res in resources:
        n = names(res)
        router_guard = rng.random() < 0.4
        deps = ", dependencies=[Depends(get_current_user)]" if router_guard else ""
        out = [FASTAPI_HEADER.format(title=res.title(), package=pkg, router_deps=deps, **n)]
        for r in pick_routes(rng, tuple(FASTAPI_UNSAFE)):
            path = r.suffix.replace("{id}", "{item_id}")
            body = (FASTAPI_UNSAFE.get(r.unsafe) or FASTAPI_BODIES[r.action]).format(**n)
            signature = fastapi_signature(r, n["model"], router_guard)
            out.append(
                f'\n\n@router.{r.method.lower()}("{path}")\n'
                f"def {r.action}_{res}({signature}):\n{body}\n"
            )
            spec_ops.append((r.method, f"{prefix}/{res}{path}"))
        repo.write(f"{base}/{pkg}/routers/{res}.py", "".join(out))
        imports.append(f"from {pkg}.routers import {res}")
        mounts.append(f'app.include_router({res}.router, prefix="{prefix}")')
    spec_ops.append(("GET", f"{prefix}/healthz"))
    app = FASTAPI_APP.format(
        title=base, imports="\n".join(imports), mounts="\n".join(mounts), prefix=prefix[1:]
    )
    repo.write(f"{base}/{pkg}/main.py", app)
    return spec_ops


def express_route(r: Route, n: dict[str, str], on_mount: bool) -> str:
    guard = "isAuthenticated, " if r.guarded and not on_mount else ""
    body = (EXPRESS_UNSAFE.get(r.unsafe) or EXPRESS_BODIES[r.action]).format(**n)
    return (
        f"\nrouter.{r.method.lower()}('{express_path(r.suffix)}', {guard}async (req, res) => {{\n"
        f"{body}\n}});\n"
    )


def express_service(
    repo: Repo, rng: random.Random, base: str, prefix: str, typescript: bool
) -> list[tuple]:
    ext = "ts" if typescript else "js"
    resources = rng.sample(RESOURCES, rng.randint(5, 9))
    repo.write(
        f"{base}/src/middleware/auth.{ext}", EXPRESS_AUTH_TS if typescript else EXPRESS_AUTH_JS
    )
    repo.write(f"{base}/src/db.{ext}", EXPRESS_DB_TS if typescript else EXPRESS_DB_JS)
    spec_ops: list[tuple] = []
    imports, mounts = [], []
    for res in resources:
        n = names(res)
        on_mount = rng.random() < 0.4
        if typescript:
            head = (
                "import { Router } from 'express';\nimport { exec } from 'child_process';\n"
                "import { db, logger, Item } from '../db';\n"
                "import { isAuthenticated } from '../middleware/auth';\n\n"
                "const router = Router();\n"
            )
            tail = "\nexport default router;\n"
            imports.append(f"import {res}Router from './routes/{res}';")
        else:
            head = (
                "const express = require('express');\nconst { exec } = require('child_process');\n"
                "const { db, logger, Item } = require('../db');\n"
                "const { isAuthenticated } = require('../middleware/auth');\n\n"
                "const router = express.Router();\n"
            )
            tail = "\nmodule.exports = router;\n"
            imports.append(f"const {res}Router = require('./routes/{res}');")
        routes = pick_routes(rng, tuple(EXPRESS_UNSAFE))
        text = head + "".join(express_route(r, n, on_mount) for r in routes) + tail
        repo.write(f"{base}/src/routes/{res}.{ext}", text)
        guard = "isAuthenticated, " if on_mount else ""
        mounts.append(f"app.use('{prefix}/{res}', {guard}{res}Router);")
        spec_ops += [(r.method, f"{prefix}/{res}{r.suffix}") for r in routes]
    template = EXPRESS_TS_APP if typescript else EXPRESS_JS_APP
    app = template.format(imports="\n".join(imports), mounts="\n".join(mounts))
    repo.write(f"{base}/src/app.{ext}", app)
    return spec_ops


def spec_only_ops(rng: random.Random, prefix: str) -> list[tuple]:
    ops: list[tuple] = []
    for res in rng.sample(RESOURCES, rng.randint(6, 10)):
        chosen = rng.sample(ACTIONS, rng.randint(2, 5))
        ops += [(method, f"{prefix}/{res}{suffix}") for method, suffix, _ in chosen]
    return ops


def write_spec(repo: Repo, rel: str, title: str, ops: list[tuple], rng: random.Random) -> None:
    doc = openapi_document(title, ops, plain_http=rng.random() < 0.2)
    if rel.endswith(".json"):
        repo.write(rel, json.dumps(doc, indent=2) + "\n")
    else:
        repo.write(rel, "\n".join(to_yaml(doc)) + "\n")


def generate(root: Path, files: int, seed: int) -> Repo:
    rng = random.Random(seed)
    repo = Repo(root)
    index = 0
    while repo.files < files:
        index += 1
        framework = FRAMEWORKS[index % len(FRAMEWORKS)]
        base, prefix = f"services/svc-{index:04d}-{framework}", f"/s{index:04d}/api"
        if framework == "openapi":
            ops = spec_only_ops(rng, prefix)
            ext = "json" if rng.random() < 0.3 else "yaml"
            write_spec(repo, f"{base}/openapi.{ext}", f"svc{index:04d}", ops, rng)
        elif framework == "flask":
            ops = flask_service(repo, rng, base, prefix, f"clinic{index:04d}")
        elif framework == "fastapi":
            ops = fastapi_service(repo, rng, base, prefix, f"ledger{index:04d}")
        else:
            ops = express_service(repo, rng, base, prefix, framework == "express-ts")
        if framework != "openapi" and rng.random() < 0.3:
            write_spec(repo, f"{base}/openapi.yaml", f"svc{index:04d}", ops, rng)
        repo.endpoints += len(set(ops))
        repo.by_framework[framework] += 1
    return repo


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("out", type=Path, help="folder to create (replaced if it exists)")
    parser.add_argument("--files", type=int, default=1000, help="minimum number of files")
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args(argv)
    if args.out.exists():
        shutil.rmtree(args.out)
    repo = generate(args.out, args.files, args.seed)
    mix = ", ".join(f"{k}: {v}" for k, v in sorted(repo.by_framework.items()))
    print(f"{args.out}: {repo.files} files, {repo.endpoints} endpoints ({mix} services)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
