package main

import (
	"encoding/json"
	"log"
	"net/http"

	"github.com/gorilla/mux"
)

type order struct{ ID string }

func main() {
	r := mux.NewRouter()
	api := r.PathPrefix("/api").Subrouter()
	api.HandleFunc("/orders", createOrder).Methods("POST")
	api.HandleFunc("/orders/{id:[0-9]+}", getOrder).Methods(http.MethodGet)
	log.Fatal(http.ListenAndServe(":8080", r))
}

func createOrder(w http.ResponseWriter, r *http.Request) {
	var o order
	if err := json.NewDecoder(r.Body).Decode(&o); err != nil {
		// ruleid: TD-I001
		http.Error(w, err.Error(), http.StatusBadRequest)
		return
	}
	w.WriteHeader(http.StatusCreated)
}

func getOrder(w http.ResponseWriter, r *http.Request) {
	id := mux.Vars(r)["id"]
	if id == "" {
		// ok: TD-I001
		http.Error(w, "order not found", http.StatusNotFound)
		return
	}
	json.NewEncoder(w).Encode(order{ID: id})
}
