package main

import (
	"os"

	"github.com/gin-gonic/gin"
)

func main() {
	// ruleid: TD-I002
	gin.SetMode(gin.DebugMode)
	// ok: TD-I002
	gin.SetMode(gin.ReleaseMode)
	if os.Getenv("APP_ENV") == "dev" {
		// ok: TD-I002
		gin.SetMode(os.Getenv("GIN_MODE"))
	}
	r := gin.New()
	r.Run(":8080")
}
