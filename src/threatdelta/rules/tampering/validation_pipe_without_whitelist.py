"""DTO request body not whitelisted by a validation pipe.

What it flags:
    A NestJS POST, PUT or PATCH route whose body is a DTO class (`@Body() dto:
    CreateUserDto`) while the application validates bodies with a `ValidationPipe` that
    neither strips nor rejects properties the DTO does not declare (no `whitelist: true` or
    `forbidNonWhitelisted: true`), or with no `ValidationPipe` at all (global, controller,
    route or on the `@Body()`), so the DTO's class-validator decorators never run.

Why it matters:
    A DTO reads like a schema, but without a whitelisting pipe it is only a TypeScript type:
    at run time the handler receives whatever JSON the client sent. Extra properties
    (`role`, `isAdmin`, `ownerId`, `price`) reach `repository.save(dto)` or
    `Object.assign(entity, dto)`; without any pipe, wrong types and missing fields pass too.

Evidence used:
    The endpoint's method, its `request_schema` (YES: a DTO class types the body), that the
    NestJS extractor saw it, and the `input-validation` facts on the route and on its
    service (`ValidationPipe:whitelist` or `ValidationPipe:no-whitelist`). The service must
    have been seen as a NestJS application (its bootstrap read), or nothing is said.

Does not fire when:
    A whitelisting `ValidationPipe` is installed globally (`useGlobalPipes`), on the route
    (`@UsePipes`, `@Body(new ValidationPipe({ whitelist: true }))`) or on the controller; the
    body is untyped (TD-T004 covers a body without a schema); the route takes no body; the
    bootstrap file was not found (the global pipes are unknown).

Known false positives:
    A pipe registered as an `APP_PIPE` provider or configured in a shared factory function
    is not recognised; a DTO validated by hand (zod, joi) in the handler.

Remediation:
    `app.useGlobalPipes(new ValidationPipe({ whitelist: true, forbidNonWhitelisted: true,
    transform: true }))` in `main.ts`, and class-validator decorators on every DTO field.

References:
    CWE-915 Improperly Controlled Modification of Dynamically-Determined Object
    Attributes; CWE-20 Improper Input Validation; CAPEC-153 Input Data Manipulation; OWASP
    API3:2023 Broken Object Property Level Authorization.
"""

from __future__ import annotations

from collections.abc import Iterator

from threatdelta.findings.threat import Confidence, Fix, Stride
from threatdelta.model.base import ElementKind, Tri
from threatdelta.model.elements import Endpoint, Service
from threatdelta.model.facts import CodeFact, FactKind
from threatdelta.model.threat_model import ThreatModel
from threatdelta.rules.predicates import endpoint_evidence, facts
from threatdelta.rules.spec import FixAvailability, Match, RuleSpec

SPEC = RuleSpec(
    id="TD-T010",
    name="validation-pipe-without-whitelist",
    title="DTO request body not whitelisted by a validation pipe",
    stride=(Stride.TAMPERING, Stride.ELEVATION_OF_PRIVILEGE),
    cwe=(915, 20),
    capec=(153,),
    owasp=("API3:2023",),
    cvss_vector="CVSS:3.1/AV:N/AC:L/PR:L/UI:N/S:U/C:N/I:L/A:N",
    confidence=Confidence.MEDIUM,
    applies_to=(ElementKind.ENDPOINT,),
    fix=FixAvailability.DISPLAY_ONLY,
)
_WHITELIST = "ValidationPipe:whitelist"
_BODY_METHODS = frozenset({"POST", "PUT", "PATCH"})


def check(model: ThreatModel) -> Iterator[Match]:
    apps = {s.name: s for s in model.services if s.framework == "nestjs"}
    for ep in model.endpoints:
        app = apps.get(ep.service)
        if app is None or not _takes_dto_body(ep):
            continue
        pipes = [*facts(ep, FactKind.INPUT_VALIDATION), *facts(app, FactKind.INPUT_VALIDATION)]
        if any(p.name == _WHITELIST for p in pipes):
            continue
        yield _match(ep, app, pipes[0] if pipes else None)


def _takes_dto_body(ep: Endpoint) -> bool:
    return ep.method in _BODY_METHODS and "nestjs" in ep.sources and ep.request_schema is Tri.YES


def _match(ep: Endpoint, app: Service, pipe: CodeFact | None) -> Match:
    if pipe is None:
        seen = (
            f"no ValidationPipe is applied in service '{app.name}', so the DTO's "
            "validation decorators never run"
        )
    else:
        seen = (
            f"the ValidationPipe at {pipe.location} has no `whitelist`, so properties the "
            "DTO does not declare reach the handler"
        )
    return Match(
        element=ep.key,
        evidence=endpoint_evidence(ep, pipe),
        message=f"{ep.method} {ep.path} takes a DTO body but {seen}.",
        attack_vector="A client adds properties the DTO does not declare (`role`, "
        "`ownerId`) or wrong types to the JSON body.",
        impact="Fields the client must not set are written through to the model "
        "(privilege or ownership changes, tampered prices).",
        confidence=Confidence.MEDIUM if pipe is not None else Confidence.LOW,
        fix=Fix(
            summary="Install `new ValidationPipe({ whitelist: true, forbidNonWhitelisted: "
            "true })` globally with `app.useGlobalPipes`."
        ),
    )
