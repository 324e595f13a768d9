package main

import (
	"log"
	"net/http"

	"github.com/go-chi/chi/v5"
)

func main() {
	r := chi.NewRouter()
	r.Use(requireToken)
	// ruleid: TD-R001
	r.Post("/items/{id}/export", exportItem)
	log.Fatal(http.ListenAndServe(":8080", r))
}

func requireToken(next http.Handler) http.Handler {
	return next
}

func exportItem(w http.ResponseWriter, r *http.Request) {
	id := chi.URLParam(r, "id")
	db.Exec("UPDATE items SET exported = true WHERE id = $1", id)
	w.WriteHeader(http.StatusAccepted)
}
