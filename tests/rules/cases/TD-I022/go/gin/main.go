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
	admin := r.Group("/admin", requireAdminAuth())
	// ok: TD-I022
	admin.GET("/debug/vars", gin.WrapH(expvar.Handler()))
	r.Run(":8080")
}
