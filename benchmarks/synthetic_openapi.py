"""OpenAPI documents of the synthetic repository, and a small block-style YAML writer."""

from __future__ import annotations

import json
import re


def openapi_document(title: str, ops: list[tuple], plain_http: bool) -> dict[str, object]:
    paths: dict[str, dict[str, object]] = {}
    for method, path in ops:
        op: dict[str, object] = {
            "operationId": method.lower() + re.sub(r"[^A-Za-z0-9]+", "_", path),
            "responses": {"200": {"description": "OK"}},
        }
        params = [p.strip("{}") for p in path.split("/") if p.startswith("{")]
        if params:
            op["parameters"] = [
                {"name": p, "in": "path", "required": True, "schema": {"type": "integer"}}
                for p in params
            ]
        if method in ("POST", "PUT"):
            op["requestBody"] = {
                "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Item"}}}
            }
        paths.setdefault(path, {})[method.lower()] = op
    scheme = "http" if plain_http else "https"
    return {
        "openapi": "3.0.3",
        "info": {"title": title, "version": "1.0.0"},
        "servers": [{"url": f"{scheme}://{title}.internal.example"}],
        "security": [{"bearer": []}],
        "paths": paths,
        "components": {
            "securitySchemes": {"bearer": {"type": "http", "scheme": "bearer"}},
            "schemas": {
                "Item": {
                    "type": "object",
                    "properties": {"name": {"type": "string"}, "email": {"type": "string"}},
                }
            },
        },
    }


def to_yaml(value: object, indent: int = 0) -> list[str]:
    """Block-style YAML lines for the generated specs; scalars and keys as JSON strings,
    which YAML reads unchanged."""
    pad = "  " * indent
    lines: list[str] = []
    if isinstance(value, dict):
        for key, item in value.items():
            if isinstance(item, dict | list) and item:
                lines.append(f"{pad}{json.dumps(str(key))}:")
                lines += to_yaml(item, indent + 1)
            else:
                lines.append(f"{pad}{json.dumps(str(key))}: {json.dumps(item)}")
    elif isinstance(value, list):
        for item in value:
            if isinstance(item, dict | list) and item:
                nested = to_yaml(item, indent + 1)
                lines.append(f"{pad}- {nested[0].lstrip()}")
                lines += nested[1:]
            else:
                lines.append(f"{pad}- {json.dumps(item)}")
    return lines
