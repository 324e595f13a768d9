"""Golden tests: what the middleware chain of a Go route says about authentication and
rate limiting (tri-state), one idiom each."""

from __future__ import annotations

from go_helpers import endpoint, extract

from threatdelta.model.base import Tri


def test_auth_middleware_on_the_group_authenticates_its_routes() -> None:
    fragment = extract(
        """
        package main

        import "github.com/gin-gonic/gin"

        func main() {
            r := gin.Default()
            api := r.Group("/api")
            api.Use(JWTAuth())
            api.POST("/orders", createOrder)
        }
        """
    )
    ep = endpoint(fragment, "POST", "/api/orders")
    assert ep.authentication is Tri.YES
    assert ep.auth_schemes == ("jwt",)
    assert ep.guards == ("JWTAuth",)


def test_route_with_only_utility_middleware_has_no_authentication() -> None:
    fragment = extract(
        """
        package main

        import (
            "github.com/go-chi/chi/v5"
            "github.com/go-chi/chi/v5/middleware"
        )

        func main() {
            r := chi.NewRouter()
            r.Use(middleware.Logger, middleware.Recoverer, middleware.RequestID)
            r.Post("/orders", createOrder)
        }
        """
    )
    ep = endpoint(fragment, "POST", "/orders")
    assert ep.authentication is Tri.NO
    assert ep.rate_limited is Tri.NO
    assert ep.guards == ("Logger", "Recoverer", "RequestID")


def test_unrecognised_or_inline_middleware_leaves_authentication_unknown() -> None:
    fragment = extract(
        """
        package main

        import "github.com/gin-gonic/gin"

        func main() {
            r := gin.New()
            r.POST("/a", tenantScope(), createA)
            r.POST("/b", func(c *gin.Context) { c.Next() }, createB)
        }
        """
    )
    assert endpoint(fragment, "POST", "/a").authentication is Tri.UNKNOWN
    assert endpoint(fragment, "POST", "/b").authentication is Tri.UNKNOWN


def test_gin_middleware_applies_only_to_routes_registered_after_it() -> None:
    fragment = extract(
        """
        package main

        import "github.com/gin-gonic/gin"

        func main() {
            r := gin.New()
            r.POST("/signup", signup)
            r.Use(requireLogin())
            r.POST("/orders", createOrder)
        }
        """
    )
    assert endpoint(fragment, "POST", "/signup").authentication is Tri.NO
    assert endpoint(fragment, "POST", "/orders").authentication is Tri.YES


def test_rate_limiter_middleware_marks_the_route_rate_limited() -> None:
    fragment = extract(
        """
        package main

        import (
            "time"

            "github.com/go-chi/chi/v5"
            "github.com/go-chi/httprate"
        )

        func main() {
            r := chi.NewRouter()
            r.With(httprate.LimitByIP(10, time.Minute)).Post("/login", login)
        }
        """
    )
    ep = endpoint(fragment, "POST", "/login")
    assert ep.rate_limited is Tri.YES
    assert ep.authentication is Tri.NO


def test_handler_asking_a_limiter_is_rate_limited() -> None:
    fragment = extract(
        """
        package main

        import (
            "net/http"

            "golang.org/x/time/rate"
        )

        var limiter = rate.NewLimiter(5, 10)

        func main() {
            http.HandleFunc("POST /login", login)
        }

        func login(w http.ResponseWriter, r *http.Request) {
            if !limiter.Allow() {
                http.Error(w, "slow down", http.StatusTooManyRequests)
                return
            }
        }
        """
    )
    assert endpoint(fragment, "POST", "/login").rate_limited is Tri.YES
