"""OpenAPI (Swagger) 2.0 in YAML: basePath, schemes, body and formData parameters,
definitions, securityDefinitions."""

from __future__ import annotations

from openapi_helpers import codes, endpoint, extract, spec_at

from threatdelta.model.base import DataClass, Tri
from threatdelta.model.elements import Parameter, ParamLocation

SPEC = """\
swagger: "2.0"
info: {title: Shop, version: "1"}
host: shop.example.com
basePath: /api/v2
schemes: [http]
securityDefinitions:
  basicAuth: {type: basic}
  key: {type: apiKey, in: query, name: api_key}
paths:
  /orders:
    post:
      operationId: createOrder
      security: [{basicAuth: []}, {key: []}]
      x-rate-limit: {per-minute: 10}
      parameters:
        - in: body
          name: order
          schema: {$ref: "#/definitions/Order"}
      responses:
        "201": {description: created, schema: {$ref: "#/definitions/Order"}}
    get:
      parameters:
        - {name: per_page, in: query, type: integer}
      responses:
        "200":
          description: ok
          schema:
            type: object
            properties:
              items: {type: array, items: {$ref: "#/definitions/Order"}}
              total: {type: integer}
  /login:
    post:
      consumes: [application/x-www-form-urlencoded]
      parameters:
        - {name: username, in: formData, type: string, required: true}
        - {name: password, in: formData, type: string, required: true}
      responses:
        "200": {description: ok}
definitions:
  Order:
    type: object
    required: [card_number]
    properties:
      card_number: {type: string}
      quantity: {type: integer}
"""


def test_base_path_is_prepended_to_every_operation() -> None:
    fragment = extract(SPEC)
    assert sorted(r.endpoint.name for r in fragment.endpoints) == [
        "GET /api/v2/orders",
        "POST /api/v2/login",
        "POST /api/v2/orders",
    ]
    assert codes(fragment) == []


def test_body_parameter_fields_become_body_parameters_and_request_fields() -> None:
    ep = endpoint(extract(SPEC), "POST /api/v2/orders")
    assert ep.parameters == (
        Parameter(
            name="card_number",
            location=ParamLocation.BODY,
            required=True,
            data_classes=(DataClass.PAYMENT,),
        ),
        Parameter(name="quantity", location=ParamLocation.BODY),
    )
    assert ep.request_fields == ("card_number", "quantity")
    assert ep.request_data == (DataClass.PAYMENT,)
    assert ep.request_schema is Tri.YES
    assert ep.response_fields == ("card_number", "quantity")
    assert ep.returns_collection is Tri.NO


def test_security_definitions_give_scheme_names_with_api_key_location() -> None:
    ep = endpoint(extract(SPEC), "POST /api/v2/orders")
    assert ep.authentication is Tri.YES
    assert ep.auth_schemes == ("basic", "apiKey:query")
    assert ep.evidence == (spec_at(11, 20), spec_at(7, 7), spec_at(8, 8))
    assert ep.operation_id == "createOrder"


def test_rate_limit_extension_marks_the_operation_rate_limited() -> None:
    fragment = extract(SPEC)
    assert endpoint(fragment, "POST /api/v2/orders").rate_limited is Tri.YES
    assert endpoint(fragment, "GET /api/v2/orders").rate_limited is Tri.UNKNOWN


def test_http_only_schemes_mean_plain_http() -> None:
    fragment = extract(SPEC)
    assert endpoint(fragment, "GET /api/v2/orders").plain_http is Tri.YES
    assert fragment.services[0].plain_http is Tri.YES
    assert fragment.services[0].evidence == (spec_at(5, 5),)


def test_wrapped_collection_response_is_a_collection_with_its_item_fields() -> None:
    ep = endpoint(extract(SPEC), "GET /api/v2/orders")
    assert ep.returns_collection is Tri.YES
    assert ep.response_fields == ("items", "total", "card_number", "quantity")
    assert ep.paginated is Tri.YES
    assert ep.authentication is Tri.NO
    assert ep.evidence == (spec_at(21, 31),)


def test_form_data_parameters_are_body_fields() -> None:
    ep = endpoint(extract(SPEC), "POST /api/v2/login")
    assert ep.parameters == (
        Parameter(name="username", location=ParamLocation.BODY, required=True),
        Parameter(
            name="password",
            location=ParamLocation.BODY,
            required=True,
            data_classes=(DataClass.CREDENTIALS,),
        ),
    )
    assert ep.request_fields == ("username", "password")
    assert ep.request_schema is Tri.YES
    assert ep.request_data == (DataClass.CREDENTIALS,)
