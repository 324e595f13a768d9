package main

import "github.com/gin-gonic/gin"

func main() {
	r := gin.Default()
	// ruleid: TD-D001
	r.POST("/go/login", login)
	limited := r.Group("/go/auth", rateLimiter())
	// ok: TD-D001
	limited.POST("/token", token)
	r.Run(":8080")
}
