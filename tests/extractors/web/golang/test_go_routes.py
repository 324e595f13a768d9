"""Golden tests: route registrations of net/http, gin, echo, chi and gorilla/mux, one idiom
each, to endpoints with full paths below their base router."""

from __future__ import annotations

from go_helpers import endpoint, extract, routes

from threatdelta.model.base import Level, Tri


def test_servemux_method_patterns_give_method_and_braced_params() -> None:
    fragment = extract(
        """
        package main

        import "net/http"

        func main() {
            mux := http.NewServeMux()
            mux.HandleFunc("POST /items/{id}", saveItem)
            mux.HandleFunc("GET /files/{path...}", serveFile)
            mux.HandleFunc("GET /{$}", index)
            http.ListenAndServe(":8080", mux)
        }
        """
    )
    assert routes(fragment) == {
        ("POST", "/items/{id}"),
        ("GET", "/files/{path}"),
        ("GET", "/"),
    }
    [decl] = fragment.routers
    assert decl.is_app and decl.service == "cmd/api"
    assert fragment.services[0].framework == "net/http"


def test_default_mux_handle_func_is_an_app_router() -> None:
    fragment = extract(
        """
        package main

        import "net/http"

        func main() {
            http.HandleFunc("DELETE /sessions/{id}", logout)
            http.ListenAndServe(":8080", nil)
        }
        """
    )
    ep = endpoint(fragment, "DELETE", "/sessions/{id}")
    assert ep.handler_name == "logout" and ep.handler is not None
    assert ep.handler.start_line == 6
    [decl] = fragment.routers
    assert decl.ref.name == "http.DefaultServeMux" and decl.is_app


def test_methodless_route_takes_the_methods_its_handler_checks() -> None:
    fragment = extract(
        """
        package main

        import "net/http"

        func main() {
            http.HandleFunc("/orders", orders)
            http.HandleFunc("/any", anything)
        }

        func orders(w http.ResponseWriter, r *http.Request) {
            if r.Method != http.MethodPost {
                http.Error(w, "method not allowed", 405)
                return
            }
        }

        func anything(w http.ResponseWriter, r *http.Request) {}
        """
    )
    assert routes(fragment) == {("POST", "/orders"), ("ALL", "/any")}


def test_gin_group_prefix_and_colon_and_star_params() -> None:
    fragment = extract(
        """
        package main

        import "github.com/gin-gonic/gin"

        func main() {
            r := gin.Default()
            api := r.Group("/api/v1")
            items := api.Group("/items")
            items.GET("/:id", getItem)
            items.GET("/files/*path", getFile)
            r.Run()
        }
        """
    )
    assert routes(fragment) == {
        ("GET", "/api/v1/items/{id}"),
        ("GET", "/api/v1/items/files/{path}"),
    }
    ep = endpoint(fragment, "GET", "/api/v1/items/{id}")
    assert [p.name for p in ep.parameters] == ["id"]
    assert fragment.services[0].framework == "gin"


def test_echo_group_and_route_middleware_argument_order() -> None:
    fragment = extract(
        """
        package main

        import "github.com/labstack/echo/v4"

        func main() {
            e := echo.New()
            admin := e.Group("/admin", requireAdmin)
            admin.POST("/users/:id", updateUser, audit)
            e.Start(":8080")
        }
        """
    )
    ep = endpoint(fragment, "POST", "/admin/users/{id}")
    assert ep.handler_name == "updateUser"
    assert ep.guards == ("requireAdmin", "audit")


def test_chi_route_group_with_and_local_mount() -> None:
    fragment = extract(
        """
        package main

        import (
            "net/http"

            "github.com/go-chi/chi/v5"
        )

        func main() {
            r := chi.NewRouter()
            r.Route("/api", func(r chi.Router) {
                r.Get("/items/{id:[0-9]+}", getItem)
                r.Group(func(r chi.Router) {
                    r.Use(requireAuth)
                    r.Post("/items", createItem)
                })
            })
            r.With(rateLimit).Put("/settings", save)
            admin := chi.NewRouter()
            admin.Delete("/cache", flush)
            r.Mount("/admin", admin)
            http.ListenAndServe(":8080", r)
        }
        """
    )
    assert routes(fragment) == {
        ("GET", "/api/items/{id}"),
        ("POST", "/api/items"),
        ("PUT", "/settings"),
        ("DELETE", "/admin/cache"),
    }
    assert endpoint(fragment, "POST", "/api/items").guards == ("requireAuth",)
    assert endpoint(fragment, "GET", "/api/items/{id}").guards == ()
    assert endpoint(fragment, "PUT", "/settings").guards == ("rateLimit",)
    assert [d.is_app for d in fragment.routers] == [True]


def test_gorilla_subrouter_use_and_methods() -> None:
    fragment = extract(
        """
        package main

        import (
            "net/http"

            "github.com/gorilla/mux"
        )

        func main() {
            r := mux.NewRouter()
            api := r.PathPrefix("/api").Subrouter()
            api.Use(jwtMiddleware)
            api.HandleFunc("/orders/{id:[0-9]+}", getOrder).Methods("GET", http.MethodDelete)
            r.HandleFunc("/health", health)
            http.ListenAndServe(":8080", r)
        }
        """
    )
    assert routes(fragment) == {
        ("GET", "/api/orders/{id}"),
        ("DELETE", "/api/orders/{id}"),
        ("ALL", "/health"),
    }
    ep = endpoint(fragment, "DELETE", "/api/orders/{id}")
    assert ep.authentication is Tri.YES and ep.auth_schemes == ("jwt",)


def test_handler_wrapped_in_middleware_gives_the_wrapper_as_guard() -> None:
    fragment = extract(
        """
        package main

        import "net/http"

        func main() {
            mux := http.NewServeMux()
            mux.Handle("POST /admin/reindex", requireAuth(http.HandlerFunc(reindex)))
        }

        func reindex(w http.ResponseWriter, r *http.Request) {}
        """
    )
    ep = endpoint(fragment, "POST", "/admin/reindex")
    assert ep.guards == ("requireAuth",)
    assert ep.handler_name == "reindex"
    assert len(ep.evidence) == 2 and ep.evidence[1].location.start_line == 10


def test_route_with_a_computed_path_is_noted_not_modelled() -> None:
    fragment = extract(
        """
        package main

        import "github.com/gin-gonic/gin"

        func main() {
            r := gin.New()
            r.POST(prefix+"/items", create)
        }
        """
    )
    assert routes(fragment) == set()
    [note] = fragment.notifications
    assert note.code == "unreadable-route-path" and note.level is Level.NOTE
    assert "line 7" in note.message


def test_chi_before_v2_colon_params_and_admin_router_returned_by_a_function() -> None:
    fragment = extract(
        """
        package main

        import "github.com/pressly/chi"

        func adminRouter() chi.Router {
            r := chi.NewRouter()
            r.Use(AdminOnly)
            r.Get("/users/:userId", viewUser)
            return r
        }
        """
    )
    ep = endpoint(fragment, "GET", "/users/{userId}")
    assert ep.authentication is Tri.YES and ep.guards == ("AdminOnly",)
    assert [(d.ref.name, d.is_app) for d in fragment.routers] == [("adminRouter", False)]


def test_standard_library_handlers_are_not_taken_for_middleware() -> None:
    fragment = extract(
        """
        package main

        import "net/http"

        func main() {
            fs := http.FileServer(http.Dir("./static"))
            http.Handle("/static/", http.StripPrefix("/static/", http.FileServer(http.Dir("."))))
            _ = fs
        }
        """
    )
    ep = endpoint(fragment, "ALL", "/static")
    assert ep.guards == () and ep.handler_name == "FileServer"
    assert ep.authentication is Tri.NO


def test_explicit_method_registrations_of_gin_echo_and_chi() -> None:
    fragment = extract(
        """
        package main

        import (
            "net/http"

            "github.com/gin-gonic/gin"
            "github.com/go-chi/chi/v5"
            "github.com/labstack/echo/v4"
        )

        func main() {
            g := gin.New()
            g.Handle("PATCH", "/g/:id", patchG)
            e := echo.New()
            e.Add(http.MethodPut, "/e/:id", putE, requireAuth)
            c := chi.NewRouter()
            c.Method("DELETE", "/c/{id}", http.HandlerFunc(deleteC))
        }
        """
    )
    assert routes(fragment) == {("PATCH", "/g/{id}"), ("PUT", "/e/{id}"), ("DELETE", "/c/{id}")}
    assert endpoint(fragment, "PUT", "/e/{id}").authentication is Tri.YES


def test_servemux_handed_to_handle_with_strip_prefix_is_mounted_below_it() -> None:
    fragment = extract(
        """
        package main

        import "net/http"

        func main() {
            api := http.NewServeMux()
            api.HandleFunc("POST /orders", createOrder)
            root := http.NewServeMux()
            root.Handle("/api/", http.StripPrefix("/api", requireAuth(api)))
            root.HandleFunc("GET /", index)
            http.ListenAndServe(":8080", root)
        }
        """
    )
    assert routes(fragment) == {("POST", "/api/orders"), ("GET", "/")}
    ep = endpoint(fragment, "POST", "/api/orders")
    assert ep.guards == ("requireAuth",) and ep.authentication is Tri.YES
    assert [d.ref.name for d in fragment.routers] == ["main.root"]
