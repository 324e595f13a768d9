package main

import (
	"io"
	"net/http"

	"github.com/labstack/echo/v4"
)

func main() {
	e := echo.New()
	e.GET("/preview", preview)
	e.GET("/status", status)
	e.Start(":8080")
}

func preview(c echo.Context) error {
	target := c.QueryParam("url")
	// ruleid: TD-E002
	resp, err := http.Get(target)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	return c.Stream(200, "text/html", resp.Body)
}

func status(c echo.Context) error {
	// ok: TD-E002
	resp, err := http.Get("https://status.example.com/api")
	if err != nil {
		return err
	}
	body, _ := io.ReadAll(resp.Body)
	return c.String(200, string(body))
}
