"""Golden tests: request and response fields of Go handlers from bound structs and
written values, with their data classes."""

from __future__ import annotations

from go_helpers import endpoint, extract

from threatdelta.model.base import DataClass, Tri


def test_bound_struct_gives_request_fields_and_a_schema() -> None:
    fragment = extract(
        """
        package main

        import "github.com/gin-gonic/gin"

        type loginRequest struct {
            Email    string `json:"email" binding:"required"`
            Password string `json:"password"`
            Remember bool   `json:"-"`
        }

        func main() {
            r := gin.Default()
            r.POST("/login", login)
        }

        func login(c *gin.Context) {
            var req loginRequest
            if err := c.ShouldBindJSON(&req); err != nil {
                return
            }
            c.JSON(200, gin.H{"token": issue(req.Email)})
        }
        """
    )
    ep = endpoint(fragment, "POST", "/login")
    assert ep.request_fields == ("email", "password")
    assert DataClass.CREDENTIALS in ep.request_data and DataClass.PII in ep.request_data
    assert ep.request_schema is Tri.YES
    assert ep.response_fields == ("token",)
    assert ep.response_data == (DataClass.TOKENS,)


def test_struct_written_with_the_json_encoder_gives_response_fields() -> None:
    fragment = extract(
        """
        package main

        import (
            "encoding/json"
            "net/http"
        )

        type User struct {
            ID           int    `json:"id"`
            PasswordHash string `json:"password_hash"`
        }

        func main() {
            http.HandleFunc("GET /users/{id}", getUser)
        }

        func getUser(w http.ResponseWriter, r *http.Request) {
            u := &User{ID: 1}
            json.NewEncoder(w).Encode(u)
        }
        """
    )
    ep = endpoint(fragment, "GET", "/users/{id}")
    assert ep.response_fields == ("id", "password_hash")
    assert ep.request_schema is Tri.UNKNOWN
