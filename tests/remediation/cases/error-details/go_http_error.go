package items

import (
	"database/sql"
	"log"
	"net/http"
)

var db *sql.DB

func listItems(w http.ResponseWriter, r *http.Request) {
	rows, err := db.Query("SELECT id, name FROM items")
	if err != nil {
		// ruleid: TD-I001
		http.Error(w, err.Error(), http.StatusInternalServerError)
		return
	}
	defer rows.Close()
}

func Register(mux *http.ServeMux) {
	mux.HandleFunc("/items", listItems)
}
