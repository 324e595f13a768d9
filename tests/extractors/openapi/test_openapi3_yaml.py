"""OpenAPI 3.0 in YAML: one golden spec, operation by operation."""

from __future__ import annotations

from openapi_helpers import codes, endpoint, extract, spec_at

from threatdelta.model.base import DataClass, Tri
from threatdelta.model.elements import Parameter, ParamLocation, Service

SPEC = """\
openapi: 3.0.3
info: {title: Users, version: "1"}
servers:
  - url: https://api.example.com/v1
security:
  - bearerAuth: []
paths:
  /users:
    get:
      operationId: listUsers
      parameters:
        - {name: page, in: query, schema: {type: integer}}
        - {name: X-Request-Id, in: header, required: true, schema: {type: string}}
      responses:
        "200":
          description: ok
          content:
            application/json:
              schema: {type: array, items: {$ref: "#/components/schemas/User"}}
    post:
      operationId: createUser
      security: []
      requestBody:
        content:
          application/json:
            schema: {$ref: "#/components/schemas/NewUser"}
      responses:
        "201": {description: created}
components:
  securitySchemes:
    bearerAuth: {type: http, scheme: bearer}
  schemas:
    User:
      type: object
      properties: {id: {type: integer}, email: {type: string}}
    NewUser:
      allOf:
        - $ref: "#/components/schemas/User"
        - type: object
          required: [password]
          properties: {password: {type: string}}
"""


def test_list_operation_is_extracted_with_spec_evidence_and_global_security() -> None:
    fragment = extract(SPEC)
    ep = endpoint(fragment, "GET /users")
    assert ep.service == "api"
    assert ep.operation_id == "listUsers"
    assert ep.sources == ("openapi",)
    assert ep.handler is None
    assert ep.evidence == (spec_at(9, 19), spec_at(5, 6), spec_at(31, 31))
    assert ep.authentication is Tri.YES
    assert ep.auth_schemes == ("bearer",)
    assert ep.parameters == (
        Parameter(name="page", location=ParamLocation.QUERY),
        Parameter(name="X-Request-Id", location=ParamLocation.HEADER, required=True),
    )
    assert ep.paginated is Tri.YES
    assert ep.returns_collection is Tri.YES
    assert ep.response_fields == ("id", "email")
    assert ep.response_data == (DataClass.PII,)
    assert ep.request_schema is Tri.UNKNOWN
    assert ep.plain_http is Tri.NO
    assert ep.rate_limited is Tri.UNKNOWN


def test_operation_security_empty_list_overrides_global_security() -> None:
    ep = endpoint(extract(SPEC), "POST /users")
    assert ep.authentication is Tri.NO
    assert ep.auth_schemes == ()
    assert ep.evidence == (spec_at(20, 28),)


def test_request_fields_follow_refs_and_allof() -> None:
    ep = endpoint(extract(SPEC), "POST /users")
    assert ep.request_fields == ("id", "email", "password")
    assert ep.request_data == (DataClass.CREDENTIALS, DataClass.PII)
    assert ep.request_schema is Tri.YES
    assert ep.response_fields == ()
    assert ep.returns_collection is Tri.UNKNOWN
    assert ep.paginated is Tri.NO


def test_server_path_is_not_prepended_and_the_service_is_declared() -> None:
    fragment = extract(SPEC)
    assert [r.endpoint.key for r in fragment.endpoints] == [
        "endpoint:GET /users",
        "endpoint:POST /users",
    ]
    assert fragment.services == (
        Service(name="api", framework="openapi", evidence=(spec_at(3, 4),), plain_http=Tri.NO),
    )
    assert codes(fragment) == []
