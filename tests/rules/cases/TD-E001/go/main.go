package main

import (
	"database/sql"
	"net/http"

	"github.com/gorilla/mux"
)

var db *sql.DB

func main() {
	r := mux.NewRouter()
	api := r.PathPrefix("/api").Subrouter()
	api.Use(requireAuth)
	api.HandleFunc("/invoices/{id}", getInvoice).Methods("GET")
	api.HandleFunc("/orders/{id}", getOrder).Methods("GET")
	http.ListenAndServe(":8080", r)
}

func getInvoice(w http.ResponseWriter, r *http.Request) {
	invoiceID := mux.Vars(r)["id"]
	var total string
	// ruleid: TD-E001
	db.QueryRow("SELECT total FROM invoices WHERE id = $1", invoiceID).Scan(&total)
	w.Write([]byte(total))
}

func getOrder(w http.ResponseWriter, r *http.Request) {
	orderID := mux.Vars(r)["id"]
	user := currentUser(r)
	var status string
	// ok: TD-E001
	db.QueryRow("SELECT status FROM orders WHERE id = $1 AND user_id = $2", orderID, user).Scan(&status)
	w.Write([]byte(status))
}
