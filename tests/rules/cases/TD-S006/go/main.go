package main

import (
	"net/http"

	"github.com/gin-gonic/gin"
)

func main() {
	mux := http.NewServeMux()
	mux.HandleFunc("POST /login", login)
	r := gin.Default()
	r.POST("/session", func(c *gin.Context) {
		// ruleid: TD-S006
		c.SetCookie("session_id", newToken(), 3600, "/", "", false, true)
	})
}

func login(w http.ResponseWriter, r *http.Request) {
	// ruleid: TD-S006
	http.SetCookie(w, &http.Cookie{Name: "session", Value: newToken(), HttpOnly: true})
	// ok: TD-S006
	http.SetCookie(w, &http.Cookie{Name: "sid", Value: newToken(), Secure: true, HttpOnly: true, SameSite: http.SameSiteLaxMode})
}
