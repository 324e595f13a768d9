package main

import (
	"encoding/json"
	"net/http"
)

type User struct {
	ID           int    `json:"id"`
	Email        string `json:"email"`
	PasswordHash string `json:"password_hash"`
}

type PublicUser struct {
	ID   int    `json:"id"`
	Name string `json:"name"`
}

func main() {
	mux := http.NewServeMux()
	// ruleid: TD-I006
	mux.HandleFunc("GET /go/users/{id}", getUser)
	// ok: TD-I006
	mux.HandleFunc("GET /go/profiles/{id}", getProfile)
	http.ListenAndServe(":8080", mux)
}

func getUser(w http.ResponseWriter, r *http.Request) {
	u := User{ID: 1}
	json.NewEncoder(w).Encode(u)
}

func getProfile(w http.ResponseWriter, r *http.Request) {
	p := PublicUser{ID: 1}
	json.NewEncoder(w).Encode(p)
}
