package auth

import "github.com/golang-jwt/jwt/v5"

func userOf(raw string) string {
	claims := jwt.MapClaims{}
	// ruleid: TD-S003
	jwt.NewParser().ParseUnverified(raw, claims)
	return claims["sub"].(string)
}

func verifiedUser(raw string, key []byte) string {
	claims := jwt.MapClaims{}
	// ok: TD-S003
	jwt.ParseWithClaims(raw, claims, func(t *jwt.Token) (interface{}, error) { return key, nil })
	return claims["sub"].(string)
}
