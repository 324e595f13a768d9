"""Linking data stores: store accesses recorded by handler location become flows from the
linked endpoints of that handler to the store their symbol resolves to."""

from __future__ import annotations

from threatdelta.model import (
    DataClass,
    DataStore,
    Endpoint,
    Evidence,
    EvidenceRole,
    Location,
    ModelFragment,
    Mount,
    RoutedEndpoint,
    RouterDecl,
    RouterRef,
    Service,
    StoreAccess,
    StoreSymbol,
    SymbolRef,
)
from threatdelta.model.link import link
from threatdelta.model.link_stores import merge_datastores

APP = RouterRef(module="app/main", name="app")
BP = RouterRef(module="app/api/patients", name="bp")
HANDLER = Location(path="app/api/patients.py", start_line=5, end_line=9)
USE = Location(path="app/api/patients.py", start_line=7, end_line=7)


def _loc(path: str, line: int = 1) -> Location:
    return Location(path=path, start_line=line, end_line=line)


def _store(name: str, path: str, *fields: str, classes: tuple[DataClass, ...] = ()) -> DataStore:
    return DataStore(
        kind_of="sql",
        name=name,
        evidence=(Evidence(location=_loc(path, 3)),),
        fields=fields,
        data_classes=classes,
    )


def _models(path: str = "app/models.py", table: str = "patients") -> ModelFragment:
    module = path.removesuffix(".py")
    return ModelFragment(
        path=path,
        extractor="test",
        datastores=(_store(table, path, "id", "email", classes=(DataClass.PII,)),),
        store_symbols=(
            StoreSymbol(
                symbol=SymbolRef(module=module, name="Patient"), datastore=f"datastore:sql:{table}"
            ),
        ),
    )


def _app() -> ModelFragment:
    return ModelFragment(
        path="app/main.py",
        extractor="test",
        services=(Service(name="app", framework="flask"),),
        routers=(RouterDecl(ref=APP, is_app=True, service="app", location=_loc("app/main.py")),),
        mounts=(Mount(parent=APP, child=BP, prefix="/api/patients", location=_loc("app/main.py")),),
    )


def _handlers(symbol: SymbolRef, *methods: str, handler: Location = HANDLER) -> ModelFragment:
    return ModelFragment(
        path="app/api/patients.py",
        extractor="test",
        routers=(RouterDecl(ref=BP, location=_loc("app/api/patients.py")),),
        endpoints=tuple(
            RoutedEndpoint(
                router=BP,
                endpoint=Endpoint(method=m, path="/{id}", service="", handler=HANDLER),
            )
            for m in methods
        ),
        store_accesses=(
            StoreAccess(handler=handler, symbol=symbol, evidence=(Evidence(location=USE),)),
        ),
    )


def test_access_through_an_imported_model_flows_from_every_endpoint_of_the_handler() -> None:
    used = SymbolRef(module="app/models", name="Patient")
    model, notes = link([_models(), _app(), _handlers(used, "GET", "PUT")])
    assert notes == ()
    assert [(f.key, f.data_classes, f.evidence) for f in model.flows] == [
        (
            "flow:endpoint:GET /api/patients/{id}->datastore:sql:patients:sql",
            (DataClass.PII,),
            (Evidence(location=USE),),
        ),
        (
            "flow:endpoint:PUT /api/patients/{id}->datastore:sql:patients:sql",
            (DataClass.PII,),
            (Evidence(location=USE),),
        ),
    ]


def test_import_candidate_matches_by_path_suffix_and_as_a_re_exporting_package() -> None:
    for declared, imported in (
        ("src/app/models.py", "app/models"),
        ("app/models/patient.py", "app/models"),
    ):
        used = SymbolRef(module=imported, name="Patient")
        model, _ = link([_models(declared), _app(), _handlers(used, "GET")])
        assert [f.target for f in model.flows] == ["datastore:sql:patients"], declared


def test_symbol_that_names_no_store_gives_no_flow_and_no_note() -> None:
    used = SymbolRef(module="app/schemas", name="PatientIn")
    model, notes = link([_models(), _app(), _handlers(used, "POST")])
    assert model.flows == ()
    assert notes == ()


def test_access_of_a_handler_that_serves_no_endpoint_gives_no_flow() -> None:
    used = SymbolRef(module="app/models", name="Patient")
    elsewhere = Location(path="app/api/patients.py", start_line=20, end_line=22)
    model, _ = link([_models(), _app(), _handlers(used, "GET", handler=elsewhere)])
    assert model.flows == ()


def test_nearest_declaration_wins_and_a_tie_between_stores_is_reported() -> None:
    used = SymbolRef(module="models", name="Patient")
    near = _models("app/models.py", "patients")
    far = _models("other/models.py", "people")
    model, notes = link([near, far, _app(), _handlers(used, "GET")])
    assert [f.target for f in model.flows] == ["datastore:sql:patients"]
    assert notes == ()

    tie = _models("lib/x/models.py", "people")
    model, notes = link([_models("lib/y/models.py"), tie, _app(), _handlers(used, "GET")])
    assert model.flows == ()
    assert [n.code for n in notes] == ["ambiguous-datastore"]


def test_views_of_one_store_merge_fields_evidence_and_data_classes() -> None:
    a = _store("people", "a.py", "id", "email", classes=(DataClass.PII,))
    b = _store("people", "b.py", "iban", classes=(DataClass.PAYMENT,))
    other = _store("logs", "a.py", "line")
    merged = merge_datastores([a, other, b])
    assert [s.key for s in merged] == ["datastore:sql:people", "datastore:sql:logs"]
    people = merged[0]
    assert people.fields == ("id", "email", "iban")
    assert people.data_classes == (DataClass.PII, DataClass.PAYMENT)
    assert [e.location.path for e in people.evidence] == ["a.py", "b.py"]
    assert all(e.role is EvidenceRole.PRIMARY for e in people.evidence)
