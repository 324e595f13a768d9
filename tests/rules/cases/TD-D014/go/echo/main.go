package main

import (
	"time"

	"github.com/labstack/echo/v4"
)

func main() {
	e := echo.New()
	e.GET("/ping", func(c echo.Context) error { return c.String(200, "pong") })
	e.Server.ReadHeaderTimeout = 5 * time.Second
	// ok: TD-D014
	e.Logger.Fatal(e.Start(":8080"))
}
