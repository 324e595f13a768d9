"""Golden tests: facts of a Go handler's body, with request input followed through local
variables, one idiom each."""

from __future__ import annotations

from go_helpers import endpoint, extract, facts_of

from threatdelta.model.base import Tri
from threatdelta.model.facts import FactKind

HEADER = """
package main

import (
    "database/sql"
    "encoding/json"
    "fmt"
    "log"
    "net/http"
    "os"
    "os/exec"
    "path/filepath"
)

func main() {
    http.HandleFunc("POST /x/{id}", handler)
}
"""


def facts(body: str, kind: FactKind) -> list[tuple[int, str, Tri]]:
    fragment = extract(HEADER + body)
    ep = endpoint(fragment, "POST", "/x/{id}")
    return [(f.location.start_line, f.name, f.from_input) for f in facts_of(ep.facts, kind)]


def test_sprintf_query_from_a_query_parameter_is_raw_sql_from_input() -> None:
    found = facts(
        """
func handler(w http.ResponseWriter, r *http.Request) {
    name := r.URL.Query().Get("name")
    q := fmt.Sprintf("SELECT * FROM users WHERE name = '%s'", name)
    db.Query(q)
}
""",
        FactKind.SQL_RAW,
    )
    assert found == [(21, "db.Query", Tri.YES)]


def test_placeholder_query_is_not_raw_sql_but_a_lookup_by_id() -> None:
    body = """
func handler(w http.ResponseWriter, r *http.Request) {
    id := r.PathValue("id")
    db.QueryRow("SELECT * FROM orders WHERE id = $1", id)
}
"""
    assert facts(body, FactKind.SQL_RAW) == []
    assert facts(body, FactKind.OBJECT_LOOKUP_BY_ID) == [(20, "db.QueryRow", Tri.YES)]


def test_decoded_json_body_reaches_a_shell_command() -> None:
    found = facts(
        """
func handler(w http.ResponseWriter, r *http.Request) {
    var req struct{ Host string }
    json.NewDecoder(r.Body).Decode(&req)
    exec.Command("sh", "-c", "ping -c 1 "+req.Host).Run()
}
""",
        FactKind.COMMAND_EXEC,
    )
    assert found == [(21, "exec.Command", Tri.YES)]


def test_literal_program_with_arguments_runs_no_shell() -> None:
    body = """
func handler(w http.ResponseWriter, r *http.Request) {
    exec.Command("git", "pull", r.FormValue("branch")).Run()
}
"""
    assert facts(body, FactKind.COMMAND_EXEC) == []


def test_outbound_request_to_a_url_from_input_and_to_a_literal() -> None:
    found = facts(
        """
func handler(w http.ResponseWriter, r *http.Request) {
    target := r.FormValue("callback")
    req, _ := http.NewRequest("POST", target, nil)
    http.Get("https://api.example.com/ping")
    _ = req
}
""",
        FactKind.OUTBOUND_HTTP,
    )
    assert found == [(20, "http.NewRequest", Tri.YES), (21, "http.Get", Tri.NO)]


def test_file_opened_from_a_joined_path_with_input() -> None:
    found = facts(
        """
func handler(w http.ResponseWriter, r *http.Request) {
    p := filepath.Join("/srv/files", r.PathValue("id"))
    os.Open(p)
    http.ServeFile(w, r, p)
}
""",
        FactKind.FILE_ACCESS,
    )
    assert found == [(20, "os.Open", Tri.YES), (21, "http.ServeFile", Tri.YES)]


def test_error_text_written_to_the_response() -> None:
    found = facts(
        """
func handler(w http.ResponseWriter, r *http.Request) {
    if err := doWork(); err != nil {
        http.Error(w, err.Error(), http.StatusInternalServerError)
        fmt.Fprintf(w, "failed: %v", err)
        http.Error(w, "internal error", http.StatusInternalServerError)
    }
}
""",
        FactKind.ERROR_TEXT_RETURNED,
    )
    assert [(line, name) for line, name, _ in found] == [(20, "http.Error"), (21, "fmt.Fprintf")]


def test_redirect_to_a_url_from_input() -> None:
    found = facts(
        """
func handler(w http.ResponseWriter, r *http.Request) {
    http.Redirect(w, r, r.URL.Query().Get("next"), http.StatusFound)
}
""",
        FactKind.REDIRECT,
    )
    assert found == [(19, "http.Redirect", Tri.YES)]


def test_logger_call_marks_a_state_change_as_audit_logged() -> None:
    logged = extract(
        HEADER
        + """
func handler(w http.ResponseWriter, r *http.Request) {
    log.Printf("order %s deleted", r.PathValue("id"))
}
"""
    )
    silent = extract(HEADER + "\nfunc handler(w http.ResponseWriter, r *http.Request) {}\n")
    assert endpoint(logged, "POST", "/x/{id}").audit_logged is Tri.YES
    assert endpoint(silent, "POST", "/x/{id}").audit_logged is Tri.NO


def test_gin_context_input_and_error_json() -> None:
    fragment = extract(
        """
        package main

        import "github.com/gin-gonic/gin"

        func main() {
            r := gin.Default()
            r.POST("/items/:id", func(c *gin.Context) {
                id := c.Param("id")
                _, err := db.Exec("DELETE FROM items WHERE id = " + id)
                if err != nil {
                    c.JSON(500, gin.H{"error": err.Error()})
                }
            })
        }
        """
    )
    ep = endpoint(fragment, "POST", "/items/{id}")
    assert [
        (f.location.start_line, f.from_input) for f in facts_of(ep.facts, FactKind.SQL_RAW)
    ] == [(9, Tri.YES)]
    assert [f.location.start_line for f in facts_of(ep.facts, FactKind.ERROR_TEXT_RETURNED)] == [11]
    assert ep.handler is not None and (ep.handler.start_line, ep.handler.end_line) == (7, 13)


def test_handler_from_a_factory_returning_a_func_literal_is_read() -> None:
    fragment = extract(
        """
        package main

        import (
            "net/http"
            "os/exec"
        )

        func main() {
            http.Handle("POST /run", makeRunner(cfg))
        }

        func makeRunner(cfg Config) http.HandlerFunc {
            return func(w http.ResponseWriter, r *http.Request) {
                exec.Command("bash", "-c", r.FormValue("cmd")).Run()
            }
        }
        """
    )
    ep = endpoint(fragment, "POST", "/run")
    assert ep.handler_name == "makeRunner"
    assert [f.from_input for f in facts_of(ep.facts, FactKind.COMMAND_EXEC)] == [Tri.YES]


def test_gorm_where_with_concatenated_input_is_raw_sql() -> None:
    found = facts(
        """
func handler(w http.ResponseWriter, r *http.Request) {
    var users []User
    db.Where("name = '" + r.FormValue("name") + "'").Find(&users)
    db.Where("name = ?", r.FormValue("name")).Find(&users)
}
""",
        FactKind.SQL_RAW,
    )
    assert found == [(20, "db.Where", Tri.YES)]


def test_gorm_lookups_by_a_path_id_with_and_without_an_owner_filter() -> None:
    fragment = extract(
        """
        package main

        import "github.com/gin-gonic/gin"

        func main() {
            r := gin.Default()
            r.GET("/orders/:id", func(c *gin.Context) {
                var order Order
                db.First(&order, c.Param("id"))
            })
            r.GET("/invoices/:id", func(c *gin.Context) {
                var invoice Invoice
                db.Where("id = ? AND user_id = ?", c.Param("id"), currentUser(c)).First(&invoice)
            })
        }
        """
    )
    orders = endpoint(fragment, "GET", "/orders/{id}")
    assert [
        f.location.start_line for f in facts_of(orders.facts, FactKind.OBJECT_LOOKUP_BY_ID)
    ] == [9]
    assert orders.object_authorization is Tri.NO
    assert endpoint(fragment, "GET", "/invoices/{id}").object_authorization is Tri.YES
