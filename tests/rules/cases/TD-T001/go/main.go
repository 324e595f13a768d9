package main

import (
	"database/sql"
	"fmt"
	"net/http"

	"github.com/gin-gonic/gin"
)

var db *sql.DB

func main() {
	r := gin.Default()
	r.GET("/items/:id", getItem)
	r.GET("/search", search)
	r.Run(":8080")
}

func getItem(c *gin.Context) {
	id := c.Param("id")
	// ok: TD-T001
	row := db.QueryRow("SELECT name FROM items WHERE id = $1", id)
	c.JSON(http.StatusOK, row)
}

func search(c *gin.Context) {
	term := c.Query("q")
	query := fmt.Sprintf("SELECT name FROM items WHERE name LIKE '%%%s%%'", term)
	// ruleid: TD-T001
	rows, _ := db.Query(query)
	// ruleid: TD-T001
	db.Exec("UPDATE stats SET hits = hits + 1 WHERE term = '" + term + "'")
	c.JSON(http.StatusOK, rows)
}
