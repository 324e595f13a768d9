"""Applicability and confidence of the elevation-of-privilege rules, on hand-built models."""

from __future__ import annotations

import pytest

from threatdelta.findings.threat import Confidence
from threatdelta.model import CodeFact, Endpoint, FactKind, Location, Service, ThreatModel, Tri
from threatdelta.rules.elevation_of_privilege import (
    code_eval_of_input,
    command_built_from_input,
    mass_assignment,
    missing_object_level_authorization,
    ssrf_url_from_input,
)


def _loc(line: int) -> Location:
    return Location(path="app.py", start_line=line, end_line=line)


def _ep(method: str, path: str, **fields: object) -> Endpoint:
    return Endpoint(method=method, path=path, service="api", handler=_loc(10), **fields)  # type: ignore[arg-type]


def _fact(kind: FactKind, name: str, origin: Tri = Tri.YES, line: int = 12) -> CodeFact:
    return CodeFact(kind=kind, location=_loc(line), name=name, from_input=origin)


_LOOKUP = _fact(FactKind.OBJECT_LOOKUP_BY_ID, "Order.query.get_or_404")


@pytest.mark.parametrize(
    ("auth", "authz", "expected"),
    [
        (Tri.YES, Tri.NO, [Confidence.MEDIUM]),
        (Tri.YES, Tri.UNKNOWN, [Confidence.LOW]),
        (Tri.UNKNOWN, Tri.NO, [Confidence.LOW]),
        (Tri.YES, Tri.YES, []),
        (Tri.NO, Tri.NO, []),
    ],
)
def test_idor_depends_on_authentication_and_object_authorization(
    auth: Tri, authz: Tri, expected: list[Confidence]
) -> None:
    ep = _ep(
        "GET", "/orders/{id}", authentication=auth, object_authorization=authz, facts=(_LOOKUP,)
    )
    matches = list(missing_object_level_authorization.check(ThreatModel(endpoints=(ep,))))
    assert [m.confidence for m in matches] == expected


def test_idor_points_at_the_lookup_line_and_ignores_constant_ids() -> None:
    constant = _fact(FactKind.OBJECT_LOOKUP_BY_ID, "Order.query.get", origin=Tri.NO, line=11)
    ep = _ep(
        "GET",
        "/orders/{id}",
        authentication=Tri.YES,
        object_authorization=Tri.NO,
        facts=(constant, _LOOKUP),
    )
    [match] = missing_object_level_authorization.check(ThreatModel(endpoints=(ep,)))
    assert match.evidence[0].location.start_line == 12


def test_ssrf_needs_a_url_seen_to_come_from_input() -> None:
    ep = _ep(
        "POST",
        "/previews",
        facts=(
            _fact(FactKind.OUTBOUND_HTTP, "requests.get", Tri.YES),
            _fact(FactKind.OUTBOUND_HTTP, "httpx.get", Tri.UNKNOWN),
        ),
    )
    [match] = ssrf_url_from_input.check(ThreatModel(endpoints=(ep,)))
    assert match.qualifier == "requests.get"


def test_mass_assignment_through_a_harmless_fastapi_model_has_lower_confidence() -> None:
    fact = _fact(FactKind.MASS_ASSIGNMENT, "Model(**body)")
    fastapi = {"sources": ("fastapi",), "request_schema": Tri.YES, "facts": (fact,)}
    safe = _ep("POST", "/a", request_fields=("name",), **fastapi)
    risky = _ep("POST", "/b", request_fields=("isAdmin",), **fastapi)
    open_ = _ep("POST", "/c", facts=(fact,))
    model = ThreatModel(endpoints=(safe, risky, open_))
    found = {m.element: m.confidence for m in mass_assignment.check(model)}
    assert found == {safe.key: Confidence.MEDIUM, risky.key: None, open_.key: None}


def test_mass_assignment_keeps_confidence_when_only_an_unenforced_spec_declares_a_schema() -> None:
    fact = _fact(FactKind.MASS_ASSIGNMENT, "setattr")
    ep = _ep(
        "PUT",
        "/patients/{id}",
        sources=("flask", "openapi"),
        request_schema=Tri.YES,
        request_fields=("name",),
        facts=(fact,),
    )
    [match] = mass_assignment.check(ThreatModel(endpoints=(ep,)))
    assert match.confidence is None


@pytest.mark.parametrize("rule", [code_eval_of_input, command_built_from_input])
@pytest.mark.parametrize(
    ("origin", "expected"),
    [(Tri.YES, [Confidence.HIGH]), (Tri.UNKNOWN, [Confidence.MEDIUM]), (Tri.NO, [])],
)
def test_execution_sinks_keep_confidence_only_for_seen_input(
    rule: object, origin: Tri, expected: list[Confidence]
) -> None:
    kind = FactKind.CODE_EVAL if rule is code_eval_of_input else FactKind.COMMAND_EXEC
    svc = Service(name="api", facts=(_fact(kind, "sink", origin),))
    matches = list(rule.check(ThreatModel(services=(svc,))))  # type: ignore[attr-defined]
    assert [m.confidence for m in matches] == expected


@pytest.mark.parametrize(
    ("path", "schemes"),
    [("/api/support/customers/{id}", ("authenticateSupportAgent",)), ("/admin/users/{id}", ())],
)
def test_idor_behind_a_staff_guard_or_in_an_admin_area_has_lower_confidence(
    path: str, schemes: tuple[str, ...]
) -> None:
    ep = _ep(
        "GET",
        path,
        authentication=Tri.YES,
        auth_schemes=schemes,
        object_authorization=Tri.NO,
        facts=(_LOOKUP,),
    )
    [match] = missing_object_level_authorization.check(ThreatModel(endpoints=(ep,)))
    assert match.confidence is Confidence.LOW
