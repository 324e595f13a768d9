package auth

import "github.com/golang-jwt/jwt/v5"

func parse(raw string, key []byte) (*jwt.Token, error) {
	return jwt.Parse(raw, func(t *jwt.Token) (interface{}, error) {
		if t.Method == jwt.SigningMethodNone {
			// ruleid: TD-S004
			return jwt.UnsafeAllowNoneSignatureType, nil
		}
		return key, nil
	})
}

func strict(raw string, key []byte) (*jwt.Token, error) {
	// ok: TD-S004
	return jwt.Parse(raw, func(t *jwt.Token) (interface{}, error) { return key, nil }, jwt.WithValidMethods([]string{"HS256"}))
}
