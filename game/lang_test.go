package game

import (
	"reflect"
	"testing"

	"bonemusic/engine"
	"bonemusic/engine/synth"
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

// Every language fills every string, and names every film, tune and
// pickup: a missing translation would show a blank button to a visitor.
func TestTextsComplete(t *testing.T) {
	for lang, tx := range texts {
		v := reflect.ValueOf(tx)
		for i := range v.NumField() {
			f := v.Field(i)
			name := v.Type().Field(i).Name
			if f.Kind() == reflect.String && f.String() == "" {
				t.Errorf("%s: %s is empty", lang, name)
			}
			if f.Kind() == reflect.Array {
				for k := range f.Len() {
					if f.Index(k).String() == "" {
						t.Errorf("%s: %s[%d] is empty", lang, name, k)
					}
				}
			}
		}
		for _, m := range []string{machineSim, machineSerial, machineMIDI} {
			if tx.Machines[m] == "" {
				t.Errorf("%s: no name for the %s lathe", lang, m)
			}
		}
		for _, p := range []string{"connecting", "preparing", "cutting", "finished", "stopped"} {
			if tx.LathePhases[p] == "" {
				t.Errorf("%s: no words for the lathe %s", lang, p)
			}
		}
		for _, f := range engine.Films {
			if tx.Films[f] == "" {
				t.Errorf("%s: no name for the %s film", lang, f)
			}
		}
		for _, tune := range synth.Tunes {
			if tx.Tunes[tune] == "" {
				t.Errorf("%s: no name for the %s tune", lang, tune)
			}
		}
		for _, p := range engine.Pickups {
			if tx.Pickups[p.Name] == "" {
				t.Errorf("%s: no name for the %s pickup", lang, p.Name)
			}
		}
	}
}
