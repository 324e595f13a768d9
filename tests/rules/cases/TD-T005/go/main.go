package main

import "net/http"

func main() {
	mux := http.NewServeMux()
	mux.HandleFunc("GET /login/done", loginDone)
	mux.HandleFunc("GET /home", home)
	http.ListenAndServe(":8080", mux)
}

func loginDone(w http.ResponseWriter, r *http.Request) {
	next := r.URL.Query().Get("next")
	// ruleid: TD-T005
	http.Redirect(w, r, next, http.StatusFound)
}

func home(w http.ResponseWriter, r *http.Request) {
	// ok: TD-T005
	http.Redirect(w, r, "/dashboard", http.StatusFound)
}
