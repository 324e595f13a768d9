package main

import (
	"net/http"

	"github.com/go-chi/chi/v5"

	"example.com/app/auth"
)

func createNote(w http.ResponseWriter, r *http.Request) {}

func deleteTag(w http.ResponseWriter, r *http.Request) {}

func main() {
	r := chi.NewRouter()
	r.With(auth.RequireToken).Post("/notes", createNote)
	// ruleid: TD-S001
	r.With(auth.RequireToken).Post("/tags/delete", deleteTag)
	http.ListenAndServe(":8080", r)
}
