package main

import (
	"log"
	"net/http"
	// ruleid: TD-I022
	_ "net/http/pprof"
)

func main() {
	mux := http.NewServeMux()
	mux.HandleFunc("GET /", index)
	go func() { log.Println(http.ListenAndServe(":6060", nil)) }()
	log.Fatal(http.ListenAndServe(":8080", mux))
}

func index(w http.ResponseWriter, r *http.Request) {
	w.Write([]byte("ok"))
}
