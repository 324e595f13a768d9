"""A gin order service: `/api` routes behind an `authRequired()` group, a public health
check, and handlers in the same file. The pull requests move a route out of the
authenticated group, or into it."""

from __future__ import annotations

MAIN = """\
package main

import (
	"log"
	"net/http"
	"time"

	"github.com/gin-gonic/gin"
)

func main() {
	r := gin.Default()
	r.GET("/healthz", health)
	api := r.Group("/api", authRequired())
	api.GET("/orders/:id", getOrder)
	api.POST("/orders", createOrder)
	r.POST("/api/refunds", createRefund)
	srv := &http.Server{Addr: ":8443", Handler: r, ReadHeaderTimeout: 5 * time.Second}
	log.Fatal(srv.ListenAndServeTLS("cert.pem", "key.pem"))
}

func health(c *gin.Context) {
	c.String(http.StatusOK, "ok")
}

func getOrder(c *gin.Context) {
	c.JSON(http.StatusOK, gin.H{"id": c.Param("id")})
}

func createOrder(c *gin.Context) {
	log.Printf("order created by %s", c.GetString("user"))
	c.Status(http.StatusCreated)
}

func createRefund(c *gin.Context) {
	log.Printf("refund requested for %s", c.PostForm("order"))
	c.Status(http.StatusAccepted)
}
"""

AUTH = """\
package main

import "github.com/gin-gonic/gin"

func authRequired() gin.HandlerFunc {
	return func(c *gin.Context) {
		if c.GetHeader("Authorization") == "" {
			c.AbortWithStatus(401)
			return
		}
		c.Next()
	}
}
"""

# The PR registers `POST /api/orders` on the engine instead of the authenticated group.
MAIN_ORDERS_PUBLIC = MAIN.replace(
    '\tapi.POST("/orders", createOrder)\n', '\tr.POST("/api/orders", createOrder)\n'
)

# The PR moves `POST /api/refunds` into the authenticated group.
MAIN_REFUNDS_GUARDED = MAIN.replace(
    '\tr.POST("/api/refunds", createRefund)\n', '\tapi.POST("/refunds", createRefund)\n'
)

FILES = {"orders/main.go": MAIN, "orders/auth.go": AUTH, "go.mod": "module example.com/shop\n"}

# The PR loosens the guard: a token in the query string is accepted too.
AUTH_LOOSENED = AUTH.replace(
    '\t\tif c.GetHeader("Authorization") == "" {\n',
    '\t\tif c.GetHeader("Authorization") == "" && c.Query("token") == "" {\n',
)
