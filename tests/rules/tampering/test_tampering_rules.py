"""Tri-state and applicability behaviour of the tampering rules, on hand-built models."""

from __future__ import annotations

import pytest

from threatdelta.findings.threat import Confidence
from threatdelta.model import (
    CodeFact,
    Endpoint,
    Evidence,
    EvidenceRole,
    FactKind,
    Location,
    Service,
    ThreatModel,
    Tri,
)
from threatdelta.rules.tampering import (
    nosql_query_from_input,
    open_redirect_from_input,
    path_from_input,
    request_body_without_schema,
    sql_built_from_input,
    unsafe_deserialization,
)


def _fact(kind: FactKind, name: str, from_input: Tri, line: int = 12) -> CodeFact:
    loc = Location(path="app.py", start_line=line, end_line=line)
    return CodeFact(kind=kind, location=loc, name=name, from_input=from_input)


def _model(*facts: CodeFact, method: str = "GET") -> ThreatModel:
    handler = Location(path="app.py", start_line=10, end_line=20)
    ep = Endpoint(method=method, path="/items", service="api", handler=handler, facts=facts)
    return ThreatModel(endpoints=(ep,))


@pytest.mark.parametrize(
    ("from_input", "expected"),
    [(Tri.YES, Confidence.HIGH), (Tri.UNKNOWN, Confidence.MEDIUM), (Tri.NO, None)],
)
@pytest.mark.parametrize(
    ("rule", "kind"),
    [
        (sql_built_from_input, FactKind.SQL_RAW),
        (path_from_input, FactKind.FILE_ACCESS),
        (unsafe_deserialization, FactKind.UNSAFE_DESERIALIZATION),
    ],
    ids=["sql", "path", "deserialization"],
)
def test_confidence_follows_whether_input_reaches_the_sink(
    rule, kind: FactKind, from_input: Tri, expected: Confidence | None
) -> None:  # type: ignore[no-untyped-def]
    matches = list(rule.check(_model(_fact(kind, "sink", from_input))))
    assert [m.confidence for m in matches] == ([] if expected is None else [expected])


@pytest.mark.parametrize("from_input", [Tri.UNKNOWN, Tri.NO])
@pytest.mark.parametrize(
    ("rule", "kind"),
    [
        (open_redirect_from_input, FactKind.REDIRECT),
        (nosql_query_from_input, FactKind.NOSQL_QUERY),
    ],
    ids=["redirect", "nosql"],
)
def test_input_only_rules_need_confirmed_input(rule, kind: FactKind, from_input: Tri) -> None:  # type: ignore[no-untyped-def]
    assert list(rule.check(_model(_fact(kind, "sink", from_input)))) == []


def test_sql_in_a_module_helper_is_reported_on_the_service() -> None:
    fact = _fact(FactKind.SQL_RAW, "db.execute", Tri.UNKNOWN, line=5)
    model = ThreatModel(services=(Service(name="api", facts=(fact,)),))
    [match] = sql_built_from_input.check(model)
    assert match.element == "service:api"
    assert match.evidence[0].location.start_line == 5


@pytest.mark.parametrize("name", ["send_from_directory", "flask.send_from_directory", "safe_join"])
def test_containment_checking_file_apis_are_not_flagged(name: str) -> None:
    fact = _fact(FactKind.FILE_ACCESS, name, Tri.YES)
    assert list(path_from_input.check(_model(fact))) == []


def test_a_join_on_its_own_line_and_the_file_call_are_two_threats() -> None:
    facts = (
        _fact(FactKind.FILE_ACCESS, "os.path.join", Tri.YES, line=12),
        _fact(FactKind.FILE_ACCESS, "open", Tri.YES, line=13),
    )
    matches = list(path_from_input.check(_model(*facts)))
    assert [(m.qualifier, m.evidence[0].location.start_line) for m in matches] == [
        ("os.path.join", 12),
        ("open", 13),
    ]


def test_a_join_inside_the_file_call_is_reported_once_at_the_call() -> None:
    facts = (
        _fact(FactKind.FILE_ACCESS, "res.sendFile", Tri.YES, line=12),
        _fact(FactKind.FILE_ACCESS, "path.join", Tri.YES, line=12),
    )
    assert [m.qualifier for m in path_from_input.check(_model(*facts))] == ["res.sendFile"]


def test_a_join_inside_a_containment_checking_call_is_not_folded_away() -> None:
    facts = (
        _fact(FactKind.FILE_ACCESS, "send_from_directory", Tri.YES, line=12),
        _fact(FactKind.FILE_ACCESS, "os.path.join", Tri.YES, line=12),
    )
    assert [m.qualifier for m in path_from_input.check(_model(*facts))] == ["os.path.join"]


@pytest.mark.parametrize(
    ("method", "schema", "flagged"),
    [
        ("POST", Tri.NO, True),
        ("PATCH", Tri.NO, True),
        ("POST", Tri.UNKNOWN, False),
        ("POST", Tri.YES, False),
        ("DELETE", Tri.NO, False),
        ("GET", Tri.NO, False),
    ],
)
def test_body_without_schema_only_for_body_methods_seen_without_one(
    method: str, schema: Tri, flagged: bool
) -> None:
    spec = Evidence(
        location=Location(path="openapi.yaml", start_line=30, end_line=40),
        role=EvidenceRole.SPEC,
    )
    ep = Endpoint(
        method=method, path="/tickets", service="api", request_schema=schema, evidence=(spec,)
    )
    assert bool(list(request_body_without_schema.check(ThreatModel(endpoints=(ep,))))) is flagged
