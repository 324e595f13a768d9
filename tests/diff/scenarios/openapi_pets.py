"""An OpenAPI 3.0 description of a pet clinic API: bearer auth required globally, shared
component schemas."""

from __future__ import annotations

SPEC = """\
openapi: 3.0.3
info:
  title: Pet clinic
  version: 1.4.0
servers:
  - url: https://api.clinic.example/v1
security:
  - bearerAuth: []
paths:
  /pets:
    get:
      operationId: listPets
      parameters:
        - name: limit
          in: query
          schema: {type: integer, maximum: 100}
      responses:
        "200":
          description: A page of pets
          content:
            application/json:
              schema:
                type: array
                items: {$ref: "#/components/schemas/Pet"}
    post:
      operationId: createPet
      requestBody:
        required: true
        content:
          application/json:
            schema: {$ref: "#/components/schemas/NewPet"}
      responses:
        "201":
          description: Created
  /pets/{petId}:
    parameters:
      - name: petId
        in: path
        required: true
        schema: {type: string}
    get:
      operationId: showPet
      responses:
        "200":
          description: The pet
          content:
            application/json:
              schema: {$ref: "#/components/schemas/Pet"}
    delete:
      operationId: deletePet
      responses:
        "204":
          description: Deleted
  /owners/{ownerId}:
    get:
      operationId: showOwner
      parameters:
        - name: ownerId
          in: path
          required: true
          schema: {type: string}
      responses:
        "200":
          description: The owner
          content:
            application/json:
              schema: {$ref: "#/components/schemas/Owner"}
components:
  securitySchemes:
    bearerAuth:
      type: http
      scheme: bearer
      bearerFormat: JWT
  schemas:
    NewPet:
      type: object
      required: [name]
      properties:
        name: {type: string}
        species: {type: string}
    Pet:
      allOf:
        - $ref: "#/components/schemas/NewPet"
        - type: object
          properties:
            id: {type: string}
    Owner:
      type: object
      properties:
        id: {type: string}
        name: {type: string}
        email: {type: string}
"""

# Scenario: the PR opens the deletion to anonymous callers (e.g. for a kiosk).
SPEC_ANONYMOUS_DELETE = SPEC.replace(
    """    delete:
      operationId: deletePet
      responses:
""",
    """    delete:
      operationId: deletePet
      security: []
      responses:
""",
)

# Scenario: the PR adds the owner's stored password hash to the Owner schema.
SPEC_OWNER_WITH_HASH = SPEC.replace(
    """        email: {type: string}
""",
    """        email: {type: string}
        password_hash: {type: string}
""",
)
