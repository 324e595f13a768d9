package main

import (
	"net/http"
	"expvar"

	"github.com/gin-gonic/gin"
)

func main() {
	r := gin.Default()
	// ruleid: TD-I022
	r.GET("/debug/pprof/*profile", gin.WrapH(http.DefaultServeMux))
	debug := r.Group("/debug", requireAdminAuth())
	// ok: TD-I022
	debug.GET("/vars", gin.WrapH(expvar.Handler()))
	r.Run(":8080")
}
