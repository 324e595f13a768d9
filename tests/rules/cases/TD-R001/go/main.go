package main

import (
	"log/slog"
	"net/http"

	"github.com/go-chi/chi/v5"
)

func main() {
	r := chi.NewRouter()
	r.Use(requireAuth)
	// ruleid: TD-R001
	r.Delete("/projects/{id}", deleteProject)
	// ok: TD-R001
	r.Delete("/users/{id}", deleteUser)
	http.ListenAndServe(":8080", r)
}

func deleteProject(w http.ResponseWriter, r *http.Request) {
	store.Delete(chi.URLParam(r, "id"))
	w.WriteHeader(http.StatusNoContent)
}

func deleteUser(w http.ResponseWriter, r *http.Request) {
	id := chi.URLParam(r, "id")
	store.Delete(id)
	slog.Info("user deleted", "id", id)
	w.WriteHeader(http.StatusNoContent)
}
