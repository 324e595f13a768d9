package main

import (
	"net/http"
	"os"
	"path/filepath"

	"github.com/labstack/echo/v4"
)

func main() {
	e := echo.New()
	e.GET("/reports/:name", report)
	e.GET("/logo", logo)
	e.Start(":8080")
}

func report(c echo.Context) error {
	name := c.Param("name")
	// ruleid: TD-T002
	data, err := os.ReadFile(filepath.Join("/srv/reports", name))
	if err != nil {
		return c.String(http.StatusNotFound, "no such report")
	}
	return c.Blob(http.StatusOK, "application/pdf", data)
}

func logo(c echo.Context) error {
	// ok: TD-T002
	return c.File("/srv/static/logo.png")
}
