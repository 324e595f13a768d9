package items

import (
	"database/sql"
	"net/http"
)

var db *sql.DB

func searchItems(w http.ResponseWriter, r *http.Request) {
	term := r.URL.Query().Get("q")
	query := "SELECT id, name FROM items WHERE name LIKE $1"
	// ruleid: TD-T001
	rows, err := db.Query(query, "%"+term+"%")
	if err != nil {
		http.Error(w, "search failed", http.StatusInternalServerError)
		return
	}
	defer rows.Close()
}

func deleteItem(w http.ResponseWriter, r *http.Request) {
	db.Exec("DELETE FROM items WHERE id = $1", r.URL.Query().Get("id"))
}

func Register(mux *http.ServeMux) {
	mux.HandleFunc("/items/search", searchItems)
	mux.HandleFunc("/items/delete", deleteItem)
}
