"""Golden tests: routers handed to functions in other files (`RegisterRoutes(api)`) and
routers returned by functions (`r.Mount("/x", items.Routes())`), linked across files."""

from __future__ import annotations

from go_helpers import extract

from threatdelta.model.base import Tri
from threatdelta.model.fragment import RouterRef
from threatdelta.model.link import link

MAIN = """
package main

import (
    "github.com/gin-gonic/gin"

    "example.com/shop/internal/orders"
)

func main() {
    r := gin.Default()
    api := r.Group("/api", authMiddleware())
    orders.RegisterRoutes(api)
    r.Run(":8080")
}
"""

ORDERS = """
package orders

import "github.com/gin-gonic/gin"

func RegisterRoutes(g *gin.RouterGroup) {
    o := g.Group("/orders")
    o.POST("", create)
    o.DELETE("/:id", remove)
}
"""


def test_router_passed_to_an_imported_function_is_a_mount_with_the_group_chain() -> None:
    fragment = extract(MAIN, path="cmd/shop/main.go")
    [mount] = fragment.mounts
    assert mount.child == RouterRef(
        module="example.com/shop/internal/orders", name="RegisterRoutes"
    )
    assert mount.prefix == "/api"
    assert mount.guards == ("authMiddleware",)
    assert mount.authentication is Tri.YES


def test_function_taking_a_router_declares_it_for_the_linker() -> None:
    fragment = extract(ORDERS, path="internal/orders/routes.go")
    [decl] = fragment.routers
    assert decl.ref == RouterRef(module="internal/orders", name="RegisterRoutes")
    assert not decl.is_app
    assert {(r.endpoint.method, r.endpoint.path) for r in fragment.endpoints} == {
        ("POST", "/orders"),
        ("DELETE", "/orders/{id}"),
    }


def test_linked_routes_get_the_mount_prefix_service_and_authentication() -> None:
    model, notes = link(
        [
            extract(MAIN, path="cmd/shop/main.go"),
            extract(ORDERS, path="internal/orders/routes.go"),
        ]
    )
    assert notes == ()
    by_key = {ep.key: ep for ep in model.endpoints}
    delete = by_key["endpoint:DELETE /api/orders/{id}"]
    assert delete.service == "cmd/shop"
    assert delete.authentication is Tri.YES
    assert delete.guards == ("authMiddleware",)


def test_chi_router_returned_by_a_function_is_mounted_where_it_is_called() -> None:
    main = extract(
        """
        package main

        import (
            "net/http"

            "github.com/go-chi/chi/v5"
        )

        func main() {
            r := chi.NewRouter()
            r.Mount("/items", itemRoutes())
            http.ListenAndServe(":8080", r)
        }

        func itemRoutes() chi.Router {
            r := chi.NewRouter()
            r.Post("/", createItem)
            return r
        }
        """,
        path="main.go",
    )
    assert [(d.ref.name, d.is_app) for d in main.routers] == [
        ("main.r", True),
        ("itemRoutes", False),
    ]
    model, notes = link([main])
    assert notes == ()
    assert [ep.key for ep in model.endpoints] == ["endpoint:POST /items"]
    assert model.endpoints[0].authentication is Tri.NO


def test_unmounted_router_function_still_reports_its_routes_with_a_note() -> None:
    model, notes = link([extract(ORDERS, path="internal/orders/routes.go")])
    assert {ep.key for ep in model.endpoints} == {
        "endpoint:POST /orders",
        "endpoint:DELETE /orders/{id}",
    }
    assert notes and all(n.code == "unresolved-router" for n in notes)


def test_group_created_inline_for_a_register_function_keeps_gin_ordering() -> None:
    fragment = extract(
        """
        package main

        import (
            "gopkg.in/gin-gonic/gin.v1"

            "example.com/blog/users"
        )

        func main() {
            r := gin.Default()
            v1 := r.Group("/api/v1")
            users.UsersRegister(v1.Group("/users"))
            v1.Use(middlewares.Auth())
            users.UserRegister(v1.Group("/user"))
            r.Run()
        }
        """
    )
    mounts = {m.child.name: m for m in fragment.mounts}
    assert mounts["UsersRegister"].prefix == "/api/v1/users"
    assert mounts["UsersRegister"].authentication is Tri.NO
    assert mounts["UserRegister"].prefix == "/api/v1/user"
    assert mounts["UserRegister"].authentication is Tri.YES
