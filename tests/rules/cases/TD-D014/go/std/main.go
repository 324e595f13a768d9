package main

import (
	"log"
	"net/http"
	"time"
)

func main() {
	mux := http.NewServeMux()
	mux.HandleFunc("GET /", index)
	go func() {
		// ruleid: TD-D014
		log.Println(http.ListenAndServe(":8080", mux))
	}()
	plain := &http.Server{Addr: ":8081", Handler: mux}
	// ruleid: TD-D014
	go plain.ListenAndServe()
	srv := &http.Server{
		Addr:              ":8443",
		Handler:           mux,
		ReadHeaderTimeout: 5 * time.Second,
	}
	// ok: TD-D014
	log.Fatal(srv.ListenAndServeTLS("cert.pem", "key.pem"))
}

func index(w http.ResponseWriter, r *http.Request) {
	w.Write([]byte("ok"))
}
