"""Linking fragments: mounts across files, spec/code merge, operation binding, services."""

from __future__ import annotations

from threatdelta.model import (
    CodeFact,
    Endpoint,
    Evidence,
    EvidenceRole,
    FactKind,
    Location,
    ModelFragment,
    Mount,
    OperationBinding,
    RoutedEndpoint,
    RouterDecl,
    RouterRef,
    Service,
    Tri,
)
from threatdelta.model.link import link, module_of


def _loc(path: str, line: int = 1) -> Location:
    return Location(path=path, start_line=line, end_line=line)


APP = RouterRef(module="app/main", name="app")
USERS = RouterRef(module="app/api/users", name="router")


def _app_fragment(mount_auth: Tri = Tri.NO) -> ModelFragment:
    return ModelFragment(
        path="app/main.py",
        extractor="test",
        services=(Service(name="app", framework="fastapi"),),
        routers=(
            RouterDecl(
                ref=APP,
                is_app=True,
                service="app",
                location=_loc("app/main.py"),
                authentication=Tri.NO,
                rate_limited=Tri.NO,
            ),
        ),
        mounts=(
            Mount(
                parent=APP,
                child=RouterRef(module="api/users", name="router"),
                prefix="/api/v1",
                location=_loc("app/main.py", 5),
                authentication=mount_auth,
            ),
        ),
    )


def _users_fragment(ep_auth: Tri = Tri.NO) -> ModelFragment:
    handler = _loc("app/api/users.py", 10)
    return ModelFragment(
        path="app/api/users.py",
        extractor="test",
        routers=(
            RouterDecl(
                ref=USERS,
                prefix="/users",
                location=_loc("app/api/users.py"),
                authentication=Tri.NO,
                rate_limited=Tri.NO,
            ),
        ),
        endpoints=(
            RoutedEndpoint(
                router=USERS,
                endpoint=Endpoint(
                    method="POST",
                    path="/{id}",
                    service="",
                    handler=handler,
                    evidence=(Evidence(location=handler),),
                    authentication=ep_auth,
                    rate_limited=Tri.NO,
                ),
            ),
        ),
    )


def test_module_of_strips_extension_and_package_init() -> None:
    assert module_of("app/api/users.py") == "app/api/users"
    assert module_of("app/api/__init__.py") == "app/api"
    assert module_of("src/routes/index.ts") == "src/routes"


def test_router_mounted_in_another_file_gets_the_full_path_and_service() -> None:
    model, notes = link([_users_fragment(), _app_fragment()])
    assert notes == ()
    [ep] = model.endpoints
    assert ep.key == "endpoint:POST /api/v1/users/{id}"
    assert ep.service == "app"
    assert ep.authentication is Tri.NO


def test_auth_at_the_mount_protects_every_route_below_it() -> None:
    model, _ = link([_users_fragment(), _app_fragment(mount_auth=Tri.YES)])
    assert model.endpoints[0].authentication is Tri.YES


def test_unknown_on_any_layer_makes_authentication_unknown_not_absent() -> None:
    model, _ = link([_users_fragment(ep_auth=Tri.UNKNOWN), _app_fragment()])
    assert model.endpoints[0].authentication is Tri.UNKNOWN


def test_unmounted_router_is_reported_and_kept_with_its_own_prefix() -> None:
    model, notes = link([_users_fragment()])
    assert model.endpoints[0].path == "/users/{id}"
    assert [n.code for n in notes] == ["unresolved-router"]


def test_spec_and_code_views_merge_with_code_first_and_definite_code_winning() -> None:
    spec_loc = _loc("openapi.yaml", 40)
    spec = ModelFragment(
        path="openapi.yaml",
        extractor="openapi",
        endpoints=(
            RoutedEndpoint(
                endpoint=Endpoint(
                    method="POST",
                    path="/api/v1/users/{id}",
                    service="",
                    sources=("openapi",),
                    evidence=(Evidence(location=spec_loc, role=EvidenceRole.SPEC),),
                    authentication=Tri.YES,
                    response_fields=("email",),
                )
            ),
        ),
    )
    model, _ = link([spec, _users_fragment(), _app_fragment()])
    [ep] = model.endpoints
    assert ep.evidence[0].location.path == "app/api/users.py"
    assert ep.evidence[1].location == spec_loc
    assert ep.authentication is Tri.NO  # the code is definite: the spec only states intent
    assert ep.response_fields == ("email",)
    assert set(ep.sources) == {"openapi"}


def test_operation_binding_attaches_handler_facts_to_the_spec_operation() -> None:
    spec = ModelFragment(
        path="spec.yaml",
        extractor="openapi",
        endpoints=(
            RoutedEndpoint(
                endpoint=Endpoint(
                    method="GET",
                    path="/items/{id}",
                    service="",
                    operation_id="items.get",
                    authentication=Tri.YES,
                )
            ),
        ),
    )
    fact = CodeFact(
        kind=FactKind.SQL_RAW,
        location=_loc("items.py", 4),
        name="cursor.execute",
        from_input=Tri.YES,
    )
    handler = _loc("items.py", 2)
    code = ModelFragment(
        path="items.py",
        extractor="python",
        bindings=(
            OperationBinding(
                operation_id="items.get",
                endpoint=Endpoint(
                    method="GET", path="/", service="", handler=handler, facts=(fact,)
                ),
            ),
        ),
    )
    model, _ = link([spec, code])
    [ep] = model.endpoints
    assert ep.handler == handler and ep.facts == (fact,)
    assert ep.authentication is Tri.YES


def test_module_level_facts_fold_into_the_app_of_the_enclosing_folder() -> None:
    secret = CodeFact(
        kind=FactKind.HARDCODED_SECRET, location=_loc("app/config/settings.py"), name="SECRET_KEY"
    )
    config = ModelFragment(
        path="app/config/settings.py",
        extractor="python",
        services=(Service(name="app/config", facts=(secret,)),),
    )
    model, _ = link([config, _app_fragment()])
    assert [s.name for s in model.services] == ["app"]
    assert model.services[0].facts == (secret,)


def test_spec_and_code_merge_even_when_they_name_path_parameters_differently() -> None:
    spec = ModelFragment(
        path="openapi.yaml",
        extractor="openapi",
        endpoints=(
            RoutedEndpoint(
                endpoint=Endpoint(
                    method="POST",
                    path="/api/v1/users/{userId}",
                    service="",
                    sources=("openapi",),
                    response_fields=("email",),
                )
            ),
        ),
    )
    model, _ = link([spec, _users_fragment(), _app_fragment()])
    [ep] = model.endpoints
    assert ep.path == "/api/v1/users/{id}"  # the code's spelling wins
    assert ep.response_fields == ("email",)


def test_same_package_layout_in_two_services_resolves_to_the_nearest_router() -> None:
    def service(root: str, prefix: str) -> list[ModelFragment]:
        app = RouterRef(module=f"{root}/app/main", name="app")
        users = RouterRef(module=f"{root}/app/routes/users", name="bp")
        handler = _loc(f"{root}/app/routes/users.py", 5)
        return [
            ModelFragment(
                path=f"{root}/app/main.py",
                extractor="test",
                routers=(
                    RouterDecl(
                        ref=app,
                        is_app=True,
                        service=f"{root}/app",
                        location=_loc(f"{root}/app/main.py"),
                    ),
                ),
                mounts=(
                    Mount(
                        parent=app,
                        child=RouterRef(module="app/routes/users", name="bp"),
                        prefix=prefix,
                        location=_loc(f"{root}/app/main.py", 3),
                    ),
                ),
            ),
            ModelFragment(
                path=f"{root}/app/routes/users.py",
                extractor="test",
                routers=(RouterDecl(ref=users, location=_loc(f"{root}/app/routes/users.py")),),
                endpoints=(
                    RoutedEndpoint(
                        router=users,
                        endpoint=Endpoint(method="GET", path="/{id}", service="", handler=handler),
                    ),
                ),
            ),
        ]

    model, notes = link([*service("services/a", "/a"), *service("services/b", "/b")])
    assert notes == ()
    assert {(e.path, e.service) for e in model.endpoints} == {
        ("/a/{id}", "services/a/app"),
        ("/b/{id}", "services/b/app"),
    }
