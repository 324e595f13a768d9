package main

import (
	"encoding/json"
	"log"
	"net/http"

	"github.com/go-chi/chi/v5"
)

func main() {
	r := chi.NewRouter()
	// ruleid: TD-D004
	r.Post("/webhooks/stock", stockWebhook)
	log.Fatal(http.ListenAndServe(":8080", r))
}

func stockWebhook(w http.ResponseWriter, r *http.Request) {
	var event map[string]any
	if err := json.NewDecoder(r.Body).Decode(&event); err != nil {
		http.Error(w, "invalid event", http.StatusBadRequest)
		return
	}
	log.Printf("stock event %v", event)
	w.WriteHeader(http.StatusNoContent)
}
