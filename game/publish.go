package game

import (
	"reflect"
	"strings"
)

// jsonKey is the name a State field is published under ("" for none).
func jsonKey(f reflect.StructField) string {
	key, _, _ := strings.Cut(f.Tag.Get("json"), ",")
	if key == "-" {
		return ""
	}
	return key
}
