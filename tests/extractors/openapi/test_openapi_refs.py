"""Local references, reference cycles, recursive schemas and external references."""

from __future__ import annotations

from openapi_helpers import codes, endpoint, extract

from threatdelta.model.base import DataClass, Level, Tri

CYCLES = """\
openapi: 3.0.0
info: {title: t, version: "1"}
paths:
  /tree:
    get:
      responses:
        "200":
          description: a recursive schema
          content:
            application/json:
              schema: {$ref: "#/components/schemas/Node"}
  /loop:
    post:
      requestBody: {$ref: "#/components/requestBodies/A"}
      responses:
        "200":
          description: a schema that is a reference loop
          content:
            application/json:
              schema: {$ref: "#/components/schemas/Self"}
  /self-all-of:
    get:
      responses:
        "200":
          content:
            application/json:
              schema: {$ref: "#/components/schemas/Mixin"}
components:
  requestBodies:
    A: {$ref: "#/components/requestBodies/B"}
    B: {$ref: "#/components/requestBodies/A"}
  schemas:
    Node:
      type: object
      properties:
        name: {type: string}
        children: {type: array, items: {$ref: "#/components/schemas/Node"}}
    Self: {$ref: "#/components/schemas/Self"}
    Mixin:
      allOf:
        - {$ref: "#/components/schemas/Mixin"}
        - {properties: {token: {type: string}}}
"""


def test_recursive_schema_gives_its_top_level_fields_once() -> None:
    ep = endpoint(extract(CYCLES), "GET /tree")
    assert ep.response_fields == ("name", "children")
    assert ep.returns_collection is Tri.NO


def test_reference_loops_stop_and_are_reported_once() -> None:
    fragment = extract(CYCLES)
    ep = endpoint(fragment, "POST /loop")
    assert ep.request_schema is Tri.UNKNOWN
    assert ep.response_fields == ()
    [note] = [n for n in fragment.notifications if n.code == "unresolved-ref"]
    assert note.level is Level.WARNING
    assert note.message == ("references that point nowhere or loop: '#/components/requestBodies/A'")


def test_all_of_that_includes_itself_is_followed_once() -> None:
    ep = endpoint(extract(CYCLES), "GET /self-all-of")
    assert ep.response_fields == ("token",)
    assert ep.response_data == (DataClass.TOKENS,)


EXTERNAL = """\
openapi: 3.0.0
info: {title: t, version: "1"}
paths:
  /users:
    post:
      requestBody:
        content:
          application/json:
            schema: {$ref: "schemas/user.yaml#/User"}
      responses:
        "200":
          description: ok
          content:
            application/json:
              schema: {$ref: "#/components/schemas/Missing"}
    parameters:
      - $ref: "https://example.com/params.yaml#/limit"
"""


def test_external_refs_are_noted_not_followed() -> None:
    fragment = extract(EXTERNAL)
    ep = endpoint(fragment, "POST /users")
    assert ep.request_schema is Tri.UNKNOWN
    assert ep.request_fields == ()
    assert ep.parameters == ()
    assert codes(fragment) == ["external-ref", "unresolved-ref"]
    external, unresolved = fragment.notifications
    assert external.level is Level.NOTE
    assert external.message == (
        "references to other files are not followed: "
        "'https://example.com/params.yaml#/limit', 'schemas/user.yaml#/User'"
    )
    assert "'#/components/schemas/Missing'" in unresolved.message


def test_json_pointer_escapes_and_path_item_refs_are_resolved() -> None:
    fragment = extract(
        """\
        openapi: 3.1.0
        info: {title: t, version: "1"}
        paths:
          /a/{id}:
            $ref: "#/components/pathItems/Thing"
          /b:
            get:
              responses:
                "200":
                  content:
                    application/json:
                      schema: {$ref: "#/components/schemas/a~1b~0c%20d"}
        components:
          pathItems:
            Thing:
              delete:
                responses: {"204": {description: gone}}
          schemas:
            "a/b~c d": {properties: {email: {type: string}}}
        """
    )
    assert endpoint(fragment, "DELETE /a/{id}").method == "DELETE"
    assert endpoint(fragment, "GET /b").response_fields == ("email",)
    assert codes(fragment) == []
