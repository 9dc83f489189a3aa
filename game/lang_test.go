package game

import (
	"reflect"
	"testing"
)

func TestLangFor(t *testing.T) {
	for locale, want := range map[string]string{
		"ru-RU": "ru", "ru_RU.UTF-8": "ru", "RU": "ru",
		"en-GB": "en", "de": "en", "": "en", "C.UTF-8": "en",
	} {
		if got := langFor(locale); got != want {
			t.Errorf("langFor(%q) = %q, want %q", locale, got, want)
		}
	}
}

// Every language fills every string: a missing translation would show a
// blank line to a visitor.
func TestTextsComplete(t *testing.T) {
	for lang, tx := range texts {
		v := reflect.ValueOf(tx)
		for i := range v.NumField() {
			if v.Field(i).String() == "" {
				t.Errorf("%s: %s is empty", lang, v.Type().Field(i).Name)
			}
		}
	}
}
