package client

import (
	"crypto/tls"
	"net/http"
	"os"
)

func insecureClient() *http.Client {
	tr := &http.Transport{
		// ruleid: TD-T011
		TLSClientConfig: &tls.Config{InsecureSkipVerify: true},
	}
	return &http.Client{Transport: tr}
}

func laterSwitchedOff(cfg *tls.Config) {
	// ruleid: TD-T011
	cfg.InsecureSkipVerify = true
}

func verifiedClient() *http.Client {
	tr := &http.Transport{
		// ok: TD-T011
		TLSClientConfig: &tls.Config{InsecureSkipVerify: false, MinVersion: tls.VersionTLS12},
	}
	return &http.Client{Transport: tr}
}

func configured() *tls.Config {
	// ok: TD-T011
	return &tls.Config{InsecureSkipVerify: os.Getenv("TLS_SKIP") == "1"}
}
