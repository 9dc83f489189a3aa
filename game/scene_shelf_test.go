//go:build !js

package game

import (
	"testing"
	"time"
)

// until ticks sc until ok holds (at most 20 s of real time: store jobs run
// beside the game).
func until(t *testing.T, a *app, sc scene, what string, ok func(scene) bool) scene {
	t.Helper()
	for end := time.Now().Add(20 * time.Second); !ok(sc); {
		if time.Now().After(end) {
			t.Fatalf("waited 20 s for %s", what)
		}
		sc = tick(a, sc, &Input{})
		time.Sleep(2 * time.Millisecond)
	}
	return sc
}

// Saved from the turntable, the record is on the shelf with its plays; a
// later play is kept there by itself; renamed, deleted and brought back
// with Undo; chosen and tapped again, it is back on the turntable.
func TestShelfKeepsTheRecord(t *testing.T) {
	a, sc, d := turntableWith(t, 2)
	d.Params.Title = "A letter"
	sc = tick(a, sc, tapOn(t, a, "save"))
	sc = until(t, a, sc, "the save", func(scene) bool { return a.studio.shelfID != "" })
	if n := len(a.shelf.entries); n != 1 || a.shelf.entries[0].plays != 0 {
		t.Fatalf("the shelf holds %d records: %+v", n, a.shelf.entries)
	}
	// A play, and the shelf follows.
	sc = tick(a, sc, tapOn(t, a, "play"))
	sc = until(t, a, sc, "a play and its save", func(scene) bool {
		return len(a.shelf.entries) == 1 && a.shelf.entries[0].plays == 1 && !a.shelf.busy()
	})
	sc = tick(a, sc, tapOn(t, a, "shelf"))
	if sc.name() != sceneShelf {
		t.Fatalf("scene %v, want the shelf", sc.name())
	}
	sc = until(t, a, sc, "the shelf to be read", func(scene) bool { return !a.shelf.busy() })
	sc = tick(a, sc, tapOn(t, a, "open:0")) // chosen
	sc = tick(a, sc, tapOn(t, a, "rename"))
	sc = tick(a, sc, &Input{Erase: true})
	sc = tick(a, sc, &Input{Chars: []rune("R, from the bones")})
	sc = tick(a, sc, &Input{OK: true})
	sc = until(t, a, sc, "the rename", func(scene) bool { return !a.shelf.busy() && a.shelf.entries[0].title == "A letteR, from the bones" })
	sc = tick(a, sc, tapOn(t, a, "delete"))
	sc = until(t, a, sc, "the delete", func(scene) bool { return !a.shelf.busy() && len(a.shelf.entries) == 0 })
	sc = tick(a, sc, tapOn(t, a, "undo"))
	sc = until(t, a, sc, "the undo", func(scene) bool { return !a.shelf.busy() && len(a.shelf.entries) == 1 })
	sc = tick(a, sc, tapOn(t, a, "open:0"))
	sc = tick(a, sc, tapOn(t, a, "open:0")) // the second tap plays it
	sc = until(t, a, sc, "the record back on the turntable", func(sc scene) bool { return sc.name() == sceneTurntable })
	if d := a.studio.disc; d.Plays() != 1 || d.Params.Title != "A letteR, from the bones" || a.studio.shelfID == "" {
		t.Errorf("back on the turntable: %d plays, title %q, shelf id %q", d.Plays(), d.Params.Title, a.studio.shelfID)
	}
}
