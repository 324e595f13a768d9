package main

import (
	"net/http"

	"github.com/go-chi/chi/v5"
	"github.com/go-chi/chi/v5/middleware"
)

func main() {
	r := chi.NewRouter()
	r.Use(middleware.Logger)
	r.Route("/api", func(r chi.Router) {
		r.Group(func(r chi.Router) {
			r.Use(requireAuth)
			// ok: TD-S001
			r.Post("/orders", createOrder)
		})
		// ruleid: TD-S001
		r.Delete("/orders/{id}", deleteOrder)
	})
	// ruleid: TD-S001
	r.With(middleware.RealIP).Put("/settings", saveSettings)
	mux := http.NewServeMux()
	// ruleid: TD-S001
	mux.HandleFunc("POST /items/{id}", saveItem)
	// ok: TD-S001
	mux.Handle("POST /admin/items", requireAuth(http.HandlerFunc(saveItem)))
	r.Mount("/legacy", mux)
	http.ListenAndServe(":8080", r)
}
