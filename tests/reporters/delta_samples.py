"""Hand-made delta reports for the `threatdelta diff` reporter tests.

Reporters are pure, so their input is built directly: a head model with two services (one
named like a Mermaid keyword), hostile endpoint paths, a data store, an external, flows and a
trust boundary; threats from the real rule engine over that model, split into introduced,
resolved and persisting as `diff` would."""

from __future__ import annotations

from threatdelta.diff.delta import AffectedElement, ChangedFile, ChangeKind, DeltaReport
from threatdelta.engine import run_rules
from threatdelta.findings.edit import TextEdit
from threatdelta.findings.threat import Applicability, Fix, Threat
from threatdelta.model import (
    CodeFact,
    Endpoint,
    Evidence,
    FactKind,
    Level,
    Location,
    Notification,
    Service,
    ThreatModel,
    Tri,
)
from threatdelta.model.base import ElementKind
from threatdelta.model.elements import DataFlow, DataStore, ExternalEntity, TrustBoundary
from threatdelta.report import ScanReport
from threatdelta.rules.catalogue import catalogue
from threatdelta.rules.registry import RULES

API = "app/api.py"
HOSTILE_PATH = 'app/we"ird [v1]/`x` <b>@admin</b>\nend.py'
HOSTILE_ROUTE = '/end/subgraph/"x"[y]{z}#1;<script>`@octocat`'
HOSTILE_SERVICE = "end"


def loc(path: str, start: int, end: int | None = None) -> Location:
    return Location(path=path, start_line=start, end_line=end or start)


def _endpoints() -> tuple[Endpoint, ...]:
    sql = CodeFact(
        kind=FactKind.SQL_RAW,
        location=loc(API, 12),
        name="db.execute",
        from_input=Tri.YES,
        detail="f-string passed to db.execute",
    )
    return (
        Endpoint(
            method="POST",
            path="/users",
            service="app",
            handler=loc(API, 8, 13),
            evidence=(Evidence(location=loc(API, 8, 13)),),
            authentication=Tri.NO,
            audit_logged=Tri.NO,
            facts=(sql,),
        ),
        Endpoint(
            method="GET",
            path="/users/{user_id}",
            service="app",
            evidence=(Evidence(location=loc(API, 16, 20)),),
            authentication=Tri.YES,
        ),
        Endpoint(
            method="DELETE",
            path=HOSTILE_ROUTE,
            service=HOSTILE_SERVICE,
            evidence=(Evidence(location=loc(HOSTILE_PATH, 3, 9)),),
            authentication=Tri.NO,
        ),
    )


def head_model() -> ThreatModel:
    store = DataStore(kind_of="sql", name="users", evidence=(Evidence(location=loc(API, 11)),))
    mail = ExternalEntity(name='mailer "smtp" <relay>')
    return ThreatModel(
        services=(Service(name="app", framework="flask"), Service(name=HOSTILE_SERVICE)),
        endpoints=_endpoints(),
        datastores=(store,),
        externals=(mail,),
        flows=(
            DataFlow(source="endpoint:POST /users", target=store.key, protocol="sql"),
            DataFlow(source="service:app", target=mail.key, protocol="smtp"),
            DataFlow(source="endpoint:GET /users/{user_id}", target=store.key, protocol="sql"),
        ),
        boundaries=(TrustBoundary(name="cluster <prod>", members=("service:app", store.key)),),
    )


def affected() -> tuple[AffectedElement, ...]:
    return (
        AffectedElement(
            key="endpoint:POST /users",
            kind=ElementKind.ENDPOINT,
            change=ChangeKind.ADDED,
            reason="New endpoint POST /users in app/api.py.",
            evidence=(Evidence(location=loc(API, 8, 13)),),
        ),
        AffectedElement(
            key=f"endpoint:DELETE {HOSTILE_ROUTE}",
            kind=ElementKind.ENDPOINT,
            change=ChangeKind.DEPENDENT,
            reason="Its guard `require_admin` changed | see @octocat <b>now</b>\n# heading",
            evidence=(Evidence(location=loc(HOSTILE_PATH, 3, 9)),),
        ),
        AffectedElement(
            key="endpoint:PUT /legacy",
            kind=ElementKind.ENDPOINT,
            change=ChangeKind.REMOVED,
            reason="Endpoint PUT /legacy was deleted.",
            evidence=(Evidence(location=loc("app/legacy.py", 4)),),
        ),
    )


def _threats(model: ThreatModel) -> tuple[Threat, ...]:
    threats, _ = run_rules(model, RULES)
    return threats


def _split(
    threats: tuple[Threat, ...],
) -> tuple[tuple[Threat, ...], tuple[Threat, ...], tuple[Threat, ...]]:
    """Introduced: threats of the added POST /users; persisting: those of the dependent
    endpoint; resolved: one threat of the removed endpoint, with a fix that needs escaping."""
    introduced = tuple(t for t in threats if t.element == "endpoint:POST /users")
    persisting = tuple(t for t in threats if t.element == f"endpoint:DELETE {HOSTILE_ROUTE}")
    gone = introduced[0].model_copy(
        update={
            "id": "legacy01",
            "element": "endpoint:PUT /legacy",
            "evidence": (Evidence(location=loc("app/legacy.py", 4)),),
            "fix": Fix(summary="Add `@login_required` | <b>now</b>\nsecond line"),
        }
    )
    return introduced, (gone,), persisting


def notifications() -> tuple[Notification, ...]:
    return (
        Notification(
            level=Level.WARNING,
            code="file-too-large",
            message="file is 2000000 bytes, over the limit; skipped <b>@team</b>",
            path="static/bundle.js",
        ),
    )


def delta_report(**update: object) -> DeltaReport:
    model = head_model()
    threats = _threats(model)
    introduced, resolved, persisting = _split(threats)
    report = DeltaReport(
        base="main",
        head="feature/`x`",
        base_commit="a" * 40,
        head_commit="b" * 40,
        merge_base="c" * 40,
        relevant=True,
        complete=True,
        changed_files=(
            ChangedFile(path=API, status="modified", analysed=True),
            ChangedFile(path="README.md", status="modified", analysed=False, note="not modelled"),
        ),
        affected=affected(),
        introduced=introduced,
        resolved=resolved,
        persisting=persisting,
        notifications=notifications(),
        head_register=ScanReport(model=model, threats=threats, rules=catalogue(RULES)),
    )
    return report.model_copy(update=update)


def quiet_report(**update: object) -> DeltaReport:
    """A change that touches nothing modelled (docs only): no register was built."""
    report = DeltaReport(
        base="main",
        head="HEAD",
        base_commit="a" * 40,
        head_commit="b" * 40,
        merge_base="c" * 40,
        relevant=False,
        complete=True,
        changed_files=(
            ChangedFile(path="docs/x.md", status="modified", analysed=False, note="not modelled"),
        ),
    )
    return report.model_copy(update=update)


def with_patch(threat: Threat, applicability: Applicability, tid: str | None = None) -> Threat:
    """`threat` with a proven patch (one insertion in the API file) of that applicability."""
    fix = Fix(
        summary="Require a login",
        patch="(diff)",
        applicability=applicability,
        edits=(TextEdit(path=API, start=3, end=2, lines=("@login_required",)),),
    )
    return threat.model_copy(update={"fix": fix, "id": tid or threat.id})
