package reports

import (
	"net/http"
	"os"
	"path/filepath"
	"time"
)

func download(w http.ResponseWriter, r *http.Request) {
	name := r.URL.Query().Get("name")
	// ruleid: TD-T002
	f, err := os.Open(filepath.Join("/srv/reports", name))
	if err != nil {
		http.NotFound(w, r)
		return
	}
	defer f.Close()
	http.ServeContent(w, r, name, time.Time{}, f)
}

func Register(mux *http.ServeMux) {
	mux.HandleFunc("/reports", download)
}
