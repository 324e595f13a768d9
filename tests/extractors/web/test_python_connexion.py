"""connexion-style handlers: bindings by dotted operationId, bound by the linker."""

from __future__ import annotations

import textwrap
from pathlib import Path

from python_web_helpers import extract

from threatdelta.model import FactKind, Location, Tri
from threatdelta.pipeline import scan


def test_handler_like_functions_of_a_module_without_routes_offer_dotted_bindings() -> None:
    frag = extract(
        """
        from connexion import NoContent

        def get_pet(pet_id):
            return PETS[pet_id], 200

        def delete_pet(pet_id):
            PETS.pop(pet_id)
            return NoContent, 204

        def _helper(x):
            return x, 200

        def describe(pet):
            return pet.name
        """,
        path="petstore/api/pets.py",
    )
    ids = [b.operation_id for b in frag.bindings]
    assert ids == ["petstore.api.pets.get_pet", "petstore.api.pets.delete_pet"]
    first = frag.bindings[0].endpoint
    assert first.handler == Location(path="petstore/api/pets.py", start_line=4, end_line=5)
    assert first.sources == ("connexion",)
    assert first.authentication is Tri.UNKNOWN
    assert frag.endpoints == () and frag.routers == ()


def test_module_with_routes_offers_no_bindings() -> None:
    frag = extract(
        """
        from flask import Flask
        app = Flask(__name__)

        @app.get("/")
        def index():
            return {}, 200

        def helper():
            return {}, 200
        """
    )
    assert frag.bindings == ()


def test_linker_binds_a_handler_to_the_spec_operation_by_dotted_suffix(tmp_path: Path) -> None:
    (tmp_path / "openapi.yaml").write_text(
        textwrap.dedent(
            """
            openapi: 3.0.3
            info: {title: pets, version: "1"}
            paths:
              /pets/{pet_id}:
                delete:
                  operationId: api.pets.delete_pet
                  parameters:
                    - {name: pet_id, in: path, required: true, schema: {type: string}}
                  responses:
                    "204": {description: deleted}
            """
        )
    )
    api = tmp_path / "service" / "api"
    api.mkdir(parents=True)
    (api / "pets.py").write_text(
        textwrap.dedent(
            """
            import connexion

            def delete_pet(pet_id):
                db.execute(f"DELETE FROM pets WHERE id = '{pet_id}'")
                return None, 204
            """
        )
    )
    report = scan(tmp_path)
    (ep,) = report.model.endpoints
    assert (ep.method, ep.path) == ("DELETE", "/pets/{pet_id}")
    assert ep.handler == Location(path="service/api/pets.py", start_line=4, end_line=6)
    assert ep.handler_name == "delete_pet"
    (sql,) = [f for f in ep.facts if f.kind is FactKind.SQL_RAW]
    assert sql.from_input is Tri.YES
    assert not [n for n in report.notifications if n.code == "unbound-operation"]
