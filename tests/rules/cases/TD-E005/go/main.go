package main

import (
	"net/http"
	"os/exec"
)

func main() {
	http.HandleFunc("POST /backup", backup)
	http.HandleFunc("POST /list", list)
	http.ListenAndServe(":8080", nil)
}

func backup(w http.ResponseWriter, r *http.Request) {
	dir := r.FormValue("dir")
	script := "tar czf /tmp/backup.tgz " + dir
	// ruleid: TD-E005
	exec.Command("sh", "-c", script).Run()
}

func list(w http.ResponseWriter, r *http.Request) {
	dir := r.FormValue("dir")
	// ok: TD-E005
	exec.Command("ls", "-l", "--", dir).Run()
}
