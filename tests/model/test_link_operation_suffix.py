"""connexion operationIds bind handlers by dotted suffix, never ambiguously; Flask's
register_blueprint(url_prefix=) replaces the blueprint's own prefix."""

from __future__ import annotations

from threatdelta.model import (
    Endpoint,
    Location,
    ModelFragment,
    Mount,
    OperationBinding,
    RoutedEndpoint,
    RouterDecl,
    RouterRef,
    Tri,
)
from threatdelta.model.link import link


def _loc(path: str, line: int = 1) -> Location:
    return Location(path=path, start_line=line, end_line=line)


def _spec(*op_ids: str) -> ModelFragment:
    return ModelFragment(
        path="openapi.yaml",
        extractor="test",
        endpoints=tuple(
            RoutedEndpoint(
                endpoint=Endpoint(
                    method="GET",
                    path=f"/op{i}",
                    service="api",
                    operation_id=op_id,
                    sources=("openapi",),
                )
            )
            for i, op_id in enumerate(op_ids)
        ),
    )


def _handlers(path: str, *binding_ids: str) -> ModelFragment:
    return ModelFragment(
        path=path,
        extractor="test",
        bindings=tuple(
            OperationBinding(
                operation_id=b,
                endpoint=Endpoint(
                    method="GET",
                    path="/",
                    service="",
                    handler=_loc(path, 3),
                    handler_name=b.rsplit(".", 1)[-1],
                    audit_logged=Tri.YES,
                ),
            )
            for b in binding_ids
        ),
    )


def test_dotted_operation_id_binds_the_handler_whose_module_path_ends_with_it() -> None:
    model, notes = link(
        [_spec("api.pets.get_pet"), _handlers("svc/api/pets.py", "svc.api.pets.get_pet")]
    )
    (ep,) = model.endpoints
    assert ep.handler == _loc("svc/api/pets.py", 3)
    assert ep.audit_logged is Tri.YES
    assert notes == ()


def test_bare_operation_id_matched_by_two_handlers_binds_neither() -> None:
    model, notes = link(
        [
            _spec("get_pet"),
            _handlers("a/pets.py", "a.pets.get_pet"),
            _handlers("b/pets.py", "b.pets.get_pet"),
        ]
    )
    (ep,) = model.endpoints
    assert ep.handler is None
    assert [n.code for n in notes] == ["unbound-operation", "unbound-operation"]


def test_exact_operation_id_wins_over_a_suffix_match() -> None:
    model, _ = link(
        [
            _spec("pets.get_pet"),
            _handlers("pets.py", "pets.get_pet"),
            _handlers("x/pets.py", "x.pets.get_pet"),
        ]
    )
    (ep,) = model.endpoints
    assert ep.handler == _loc("pets.py", 3)


def test_register_blueprint_url_prefix_replaces_the_blueprint_prefix() -> None:
    app = RouterRef(module="app", name="app")
    bp = RouterRef(module="app/users", name="bp")
    frag = ModelFragment(
        path="app/__init__.py",
        extractor="test",
        routers=(
            RouterDecl(ref=app, is_app=True, service="app", location=_loc("app/__init__.py")),
            RouterDecl(ref=bp, prefix="/users", location=_loc("app/users.py")),
        ),
        mounts=(
            Mount(
                parent=app,
                child=bp,
                prefix="/api/people",
                replaces_prefix=True,
                location=_loc("app/__init__.py", 2),
            ),
        ),
        endpoints=(
            RoutedEndpoint(router=bp, endpoint=Endpoint(method="GET", path="/<id>", service="")),
        ),
    )
    model, _ = link([frag])
    assert [ep.path for ep in model.endpoints] == ["/api/people/<id>"]
