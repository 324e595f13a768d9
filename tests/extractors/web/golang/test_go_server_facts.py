"""Golden tests: service-wide facts of Go code (server timeouts, plain HTTP, profiling
handlers, TLS verification, CORS, cookies, secrets), one idiom each."""

from __future__ import annotations

from go_helpers import extract, service_facts

from threatdelta.model.base import Tri
from threatdelta.model.facts import FactKind


def test_package_listen_and_serve_has_no_timeouts_and_plain_http() -> None:
    fragment = extract(
        """
        package main

        import "net/http"

        func main() {
            http.ListenAndServe(":8080", nil)
        }
        """
    )
    [fact] = service_facts(fragment, FactKind.SERVER_TIMEOUTS_MISSING)
    assert (fact.location.start_line, fact.name) == (6, 'main: http.ListenAndServe(":8080")')
    assert fragment.services[0].plain_http is Tri.YES


def test_server_with_read_header_timeout_over_tls_has_neither_fact() -> None:
    fragment = extract(
        """
        package main

        import (
            "net/http"
            "time"
        )

        func main() {
            srv := &http.Server{Addr: ":443", Handler: mux, ReadHeaderTimeout: 5 * time.Second}
            srv.ListenAndServeTLS("cert.pem", "key.pem")
        }
        """
    )
    assert service_facts(fragment, FactKind.SERVER_TIMEOUTS_MISSING) == []
    assert fragment.services[0].plain_http is Tri.NO


def test_timeout_assigned_after_construction_counts() -> None:
    fragment = extract(
        """
        package main

        import (
            "net/http"
            "time"
        )

        func main() {
            srv := &http.Server{Addr: ":8080"}
            srv.ReadTimeout = 10 * time.Second
            srv.ListenAndServe()
        }
        """
    )
    assert service_facts(fragment, FactKind.SERVER_TIMEOUTS_MISSING) == []


def test_pprof_on_a_public_default_mux_but_not_on_loopback() -> None:
    public = """
        package main

        import (
            "net/http"
            _ "net/http/pprof"
        )

        func main() {
            http.ListenAndServe(ADDR, nil)
        }
        """
    [fact] = service_facts(extract(public.replace("ADDR", '":6060"')), FactKind.DEBUG_ENDPOINTS)
    assert (fact.location.start_line, fact.name) == (5, "net/http/pprof")
    loopback = extract(public.replace("ADDR", '"127.0.0.1:6060"'))
    assert service_facts(loopback, FactKind.DEBUG_ENDPOINTS) == []
    own_mux = extract(public.replace("ADDR, nil", '":8080", mux'))
    assert service_facts(own_mux, FactKind.DEBUG_ENDPOINTS) == []


def test_insecure_skip_verify_true_only() -> None:
    fragment = extract(
        """
        package client

        import (
            "crypto/tls"
            "net/http"
        )

        var insecure = &http.Transport{TLSClientConfig: &tls.Config{InsecureSkipVerify: true}}
        var strict = &http.Transport{TLSClientConfig: &tls.Config{InsecureSkipVerify: false}}
        """,
        path="internal/client/client.go",
    )
    [fact] = service_facts(fragment, FactKind.TLS_VERIFY_DISABLED)
    assert fact.location.start_line == 8
    assert fragment.services[0].framework == ""


def test_rs_cors_wildcard_with_credentials() -> None:
    fragment = extract(
        """
        package main

        import (
            "net/http"

            "github.com/rs/cors"
        )

        func main() {
            c := cors.New(cors.Options{
                AllowedOrigins:   []string{"*"},
                AllowCredentials: true,
            })
            http.ListenAndServe(":8080", c.Handler(mux))
        }
        """
    )
    [fact] = service_facts(fragment, FactKind.CORS_WILDCARD_CREDENTIALS)
    assert fact.location.start_line == 10
    assert service_facts(fragment, FactKind.CORS_WILDCARD) == []


def test_cookie_without_secure_flags_outside_a_handler() -> None:
    fragment = extract(
        """
        package main

        import "net/http"

        func setSession(w http.ResponseWriter, token string) {
            http.SetCookie(w, &http.Cookie{Name: "session_id", Value: token, HttpOnly: true})
        }
        """
    )
    [fact] = service_facts(fragment, FactKind.INSECURE_COOKIE)
    assert (fact.name, fact.detail) == ("session_id", "missing Secure, SameSite")


def test_secret_literals_and_placeholders() -> None:
    fragment = extract(
        """
        package main

        import "net/http"

        var jwtSecret = []byte("k8Jd93hf-S3cr3t-2024")
        var apiKey = "changeme"
        const tokenURL = "https://auth.example.com/token"
        """
    )
    facts = service_facts(fragment, FactKind.HARDCODED_SECRET)
    assert [(f.location.start_line, f.name) for f in facts] == [(5, "jwtSecret")]


def test_expvar_import_and_mounted_profilers_are_debug_endpoints() -> None:
    fragment = extract(
        """
        package main

        import (
            "expvar"
            "net/http"

            "github.com/gin-contrib/pprof"
            "github.com/gin-gonic/gin"
            "github.com/go-chi/chi/v5/middleware"
        )

        func main() {
            r := gin.Default()
            pprof.Register(r)
            mux.Mount("/debug", middleware.Profiler())
            expvar.NewInt("hits")
            http.ListenAndServe(":8080", nil)
        }
        """
    )
    facts = service_facts(fragment, FactKind.DEBUG_ENDPOINTS)
    assert sorted((f.location.start_line, f.name) for f in facts) == [
        (4, "expvar"),
        (14, "pprof.Register"),
        (15, "middleware.Profiler"),
    ]


def test_debug_modes_and_unsafe_jwt_parsing() -> None:
    fragment = extract(
        """
        package main

        import (
            "github.com/golang-jwt/jwt/v5"
            "github.com/labstack/echo/v4"
        )

        func main() {
            e := echo.New()
            e.Debug = true
            jwt.NewParser().ParseUnverified(raw, claims)
            _ = jwt.UnsafeAllowNoneSignatureType
        }
        """
    )
    assert [f.name for f in service_facts(fragment, FactKind.DEBUG_ENABLED)] == ["e.Debug"]
    assert [f.location.start_line for f in service_facts(fragment, FactKind.JWT_UNVERIFIED)] == [11]
    [none] = service_facts(fragment, FactKind.JWT_NONE_ALGORITHM)
    assert none.name == "jwt.UnsafeAllowNoneSignatureType"
