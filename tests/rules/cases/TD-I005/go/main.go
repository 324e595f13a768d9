package main

import (
	"net/http"

	"github.com/gin-contrib/cors"
	"github.com/gin-gonic/gin"
	rscors "github.com/rs/cors"
)

func main() {
	r := gin.Default()
	// ruleid: TD-I005
	r.Use(cors.New(cors.Config{
		AllowOrigins:     []string{"*"},
		AllowCredentials: true,
	}))
	r.GET("/me", me)
	go r.Run(":8080")

	mux := http.NewServeMux()
	// ok: TD-I005
	c := rscors.New(rscors.Options{AllowedOrigins: []string{"https://app.example.com"}, AllowCredentials: true})
	http.ListenAndServe(":9090", c.Handler(mux))
}
