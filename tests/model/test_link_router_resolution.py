"""A mounted router named by an import the extractor could not place exactly is matched by
module path suffix, in both directions, nearest first; a tie or a name that only shares
letters stays unresolved."""

from __future__ import annotations

from threatdelta.model import (
    Endpoint,
    Location,
    ModelFragment,
    Mount,
    RoutedEndpoint,
    RouterDecl,
    RouterRef,
)
from threatdelta.model.link import link


def _loc(path: str, line: int = 1) -> Location:
    return Location(path=path, start_line=line, end_line=line)


def _app(path: str, child: RouterRef) -> ModelFragment:
    app = RouterRef(module=path.removesuffix(".py"), name="app")
    return ModelFragment(
        path=path,
        extractor="test",
        routers=(RouterDecl(ref=app, is_app=True, service="shop", location=_loc(path)),),
        mounts=(Mount(parent=app, child=child, prefix="/api", location=_loc(path, 3)),),
    )


def _routes(path: str) -> ModelFragment:
    ref = RouterRef(module=path.removesuffix(".py"), name="bp")
    handler = _loc(path, 5)
    return ModelFragment(
        path=path,
        extractor="test",
        routers=(RouterDecl(ref=ref, prefix="/users", location=_loc(path)),),
        endpoints=(
            RoutedEndpoint(
                router=ref,
                endpoint=Endpoint(method="GET", path="", service="", handler=handler),
            ),
        ),
    )


def test_import_longer_than_the_declaring_module_resolves_to_it() -> None:
    child = RouterRef(module="src/shop/routes/users", name="bp")
    model, notes = link([_app("shop/main.py", child), _routes("routes/users.py")])
    assert notes == ()
    assert [e.path for e in model.endpoints] == ["/api/users"]


def test_import_shorter_than_the_declaring_module_resolves_to_it() -> None:
    child = RouterRef(module="routes/users", name="bp")
    model, notes = link([_app("shop/main.py", child), _routes("shop/routes/users.py")])
    assert notes == ()
    assert [e.path for e in model.endpoints] == ["/api/users"]


def test_two_equally_near_declarations_leave_the_mount_unresolved() -> None:
    child = RouterRef(module="routes/users", name="bp")
    fragments = [_app("main.py", child), _routes("a/routes/users.py"), _routes("b/routes/users.py")]
    _, notes = link(fragments)
    assert "cannot resolve mounted router 'bp' from 'routes/users'" in [n.message for n in notes]


def test_a_module_only_ending_in_the_same_letters_is_not_a_match() -> None:
    child = RouterRef(module="users", name="bp")
    model, notes = link([_app("main.py", child), _routes("routes/superusers.py")])
    assert {n.code for n in notes} == {"unresolved-router"}
    assert [e.path for e in model.endpoints] == ["/users"]  # its own prefix, not mounted
