"""OpenAPI 3.1 in JSON: lines from JSON, component references of every kind, schemes."""

from __future__ import annotations

from openapi_helpers import codes, endpoint, extract, spec_at

from threatdelta.model.base import DataClass, Tri
from threatdelta.model.elements import Parameter, ParamLocation

PATH = "svc/openapi.json"
SPEC = """\
{
  "openapi": "3.1.0",
  "info": {"title": "Notes", "version": "1"},
  "servers": [{"url": "http://notes.example.com"}, {"url": "http://localhost:8000"}],
  "paths": {
    "/notes/{id}": {
      "parameters": [{"$ref": "#/components/parameters/Id"}],
      "put": {
        "security": [{"key": []}, {"oidc": []}],
        "requestBody": {"$ref": "#/components/requestBodies/Note"},
        "responses": {"200": {"$ref": "#/components/responses/NoteResponse"}}
      },
      "patch": {
        "security": [{"oauth": ["write"]}, {}],
        "parameters": [{"name": "session", "in": "cookie"}],
        "requestBody": {"content": {"application/json": {"schema": {}}}},
        "responses": {"204": {"description": "done"}}
      },
      "delete": {
        "requestBody": {"content": {"application/octet-stream": {}}},
        "responses": {"204": {"description": "gone"}}
      }
    }
  },
  "components": {
    "parameters": {"Id": {"name": "id", "in": "path", "required": true}},
    "requestBodies": {
      "Note": {"content": {"application/json": {"schema": {"$ref": "#/components/schemas/Note"}}}}
    },
    "responses": {
      "NoteResponse": {
        "description": "the note",
        "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Note"}}}
      }
    },
    "schemas": {
      "Note": {"type": ["object", "null"], "properties": {"text": {}, "diagnosis": {}}}
    },
    "securitySchemes": {
      "key": {"type": "apiKey", "in": "header", "name": "X-Key"},
      "oidc": {"type": "openIdConnect", "openIdConnectUrl": "https://id.example.com"},
      "oauth": {"type": "oauth2", "flows": {}}
    }
  }
}
"""


def test_json_operation_lines_and_component_references() -> None:
    fragment = extract(SPEC, PATH)
    ep = endpoint(fragment, "PUT /notes/{id}")
    assert ep.evidence == (spec_at(8, 12, PATH), spec_at(40, 40, PATH), spec_at(41, 41, PATH))
    assert ep.parameters == (Parameter(name="id", location=ParamLocation.PATH, required=True),)
    assert ep.request_fields == ("text", "diagnosis")
    assert ep.request_schema is Tri.YES
    assert ep.response_fields == ("text", "diagnosis")
    assert ep.response_data == (DataClass.HEALTH,)
    assert ep.returns_collection is Tri.NO
    assert ep.authentication is Tri.YES
    assert ep.auth_schemes == ("apiKey:header", "openIdConnect")
    assert codes(fragment) == []


def test_optional_authentication_is_not_required() -> None:
    ep = endpoint(extract(SPEC, PATH), "PATCH /notes/{id}")
    assert ep.authentication is Tri.NO
    assert ep.auth_schemes == ("oauth2",)


def test_empty_schema_request_body_has_no_schema() -> None:
    ep = endpoint(extract(SPEC, PATH), "PATCH /notes/{id}")
    assert ep.request_schema is Tri.NO
    assert ep.request_fields == ()
    assert ep.parameters == (
        Parameter(name="id", location=ParamLocation.PATH, required=True),
        Parameter(name="session", location=ParamLocation.COOKIE, data_classes=(DataClass.TOKENS,)),
    )


def test_request_body_without_a_schema_has_no_schema() -> None:
    ep = endpoint(extract(SPEC, PATH), "DELETE /notes/{id}")
    assert ep.request_schema is Tri.NO
    assert ep.authentication is Tri.NO  # no security anywhere


def test_http_servers_other_than_localhost_mean_plain_http() -> None:
    fragment = extract(SPEC, PATH)
    assert endpoint(fragment, "PUT /notes/{id}").plain_http is Tri.YES
    assert fragment.services[0].plain_http is Tri.YES
    assert fragment.services[0].name == "svc"
    assert fragment.services[0].evidence == (spec_at(4, 4, PATH),)
