package reports

import (
	"io"
	"net/http"
	"os"
)

func download(w http.ResponseWriter, r *http.Request) {
	name := r.URL.Query().Get("name")
	// ruleid: TD-T002
	f, err := os.DirFS("/srv/reports").Open(name)
	if err != nil {
		http.NotFound(w, r)
		return
	}
	defer f.Close()
	io.Copy(w, f)
}

func Register(mux *http.ServeMux) {
	mux.HandleFunc("/reports", download)
}
