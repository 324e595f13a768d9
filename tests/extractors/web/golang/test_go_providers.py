"""Golden tests: handlers declared in another file or package (`items.Create`, `h.Create`
with `h := items.NewHandler(db)`) get their facts when linked."""

from __future__ import annotations

from go_helpers import extract

from threatdelta.model.base import Tri
from threatdelta.model.facts import FactKind
from threatdelta.model.fragment import SymbolRef
from threatdelta.model.link import link

ROUTES = """
package main

import (
    "net/http"

    "github.com/go-chi/chi/v5"

    "example.com/shop/internal/items"
)

func main() {
    r := chi.NewRouter()
    h := items.NewHandler(db)
    r.Get("/items/search", items.Search)
    r.Post("/items/{id}/export", h.Export)
    http.ListenAndServe(":8080", r)
}
"""

HANDLERS = """
package items

import (
    "fmt"
    "net/http"
    "os/exec"
)

func Search(w http.ResponseWriter, r *http.Request) {
    q := fmt.Sprintf("SELECT * FROM items WHERE name = '%s'", r.FormValue("q"))
    db.Query(q)
}

func (h *Handler) Export(w http.ResponseWriter, r *http.Request) {
    exec.Command("sh", "-c", "export "+r.PathValue("id")).Run()
}

func helper(n int) int { return n }
"""


def test_route_to_an_imported_handler_gives_a_provider_call() -> None:
    fragment = extract(ROUTES, path="cmd/shop/main.go")
    assert [c.method for c in fragment.provider_calls] == [
        SymbolRef(module="example.com/shop/internal/items", name="Search"),
        SymbolRef(module="example.com/shop/internal/items", name="Export"),
    ]
    assert all(c.from_input is Tri.YES for c in fragment.provider_calls)


def test_handler_shaped_functions_and_methods_give_provider_methods() -> None:
    fragment = extract(HANDLERS, path="internal/items/handlers.go")
    assert [m.method.name for m in fragment.provider_methods] == ["Search", "Export"]
    assert {m.method.module for m in fragment.provider_methods} == {"internal/items"}


def test_linked_endpoints_carry_the_facts_of_handlers_in_another_package() -> None:
    model, _ = link(
        [
            extract(ROUTES, path="cmd/shop/main.go"),
            extract(HANDLERS, path="internal/items/handlers.go"),
        ]
    )
    by_key = {ep.key: ep for ep in model.endpoints}
    [sql] = [f for f in by_key["endpoint:GET /items/search"].facts if f.kind is FactKind.SQL_RAW]
    assert (sql.location.path, sql.location.start_line, sql.from_input) == (
        "internal/items/handlers.go",
        11,
        Tri.YES,
    )
    export = by_key["endpoint:POST /items/{id}/export"]
    assert [f.kind for f in export.facts] == [FactKind.COMMAND_EXEC]
