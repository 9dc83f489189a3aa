//go:build !js

package game

import (
	"fmt"
	"os"
	"path/filepath"
	"testing"
	"time"

	"bonemusic/engine"
	"bonemusic/internal/shelf"
)

// newTestApp is the app without a window, on a 960×540 screen: scenes are
// driven by Input values and read back through the models.
func newTestApp() *app {
	a := newApp("en")
	a.w, a.h = 960, 540
	a.shelf = newCollection(func() (shelf.Store, error) { return shelf.Dir(testShelfDir()) })
	return a
}

// testShelves holds the test apps' collections (never the developer's
// own); TestMain removes it.
var testShelves = filepath.Join(os.TempDir(), fmt.Sprintf("bonemusic-test-shelves-%d", os.Getpid()))

// testShelfDir is a fresh folder for a test app's collection.
func testShelfDir() string {
	os.MkdirAll(testShelves, 0o755)
	dir, err := os.MkdirTemp(testShelves, "shelf-")
	if err != nil {
		panic(err)
	}
	return dir
}

// tick runs one update of sc, as the game does, and returns the next scene.
func tick(a *app, sc scene, in *Input) scene {
	a.tick++
	a.speaker.advance(engine.EngineRate / 60)
	a.ui.begin()
	return a.shelfTick(sc).update(a, in)
}

// tapOn is a tap on the centre of the control id laid out last tick.
func tapOn(t *testing.T, a *app, id string) *Input {
	t.Helper()
	for _, c := range a.ui.controls {
		if c.id == id {
			return &Input{Taps: []Point{c.r.Center()}}
		}
	}
	t.Fatalf("no control %s on screen", id)
	return nil
}

// A tap on the record while the demo is still being cut is kept: the
// needle goes down as soon as the record is ready, with no second tap.
func TestLightboxKeepsAnEarlyTap(t *testing.T) {
	a := newTestApp()
	var sc scene = newLightbox(false)
	sc = tick(a, sc, &Input{})
	sc = tick(a, sc, &Input{Taps: []Point{{480, 200}}}) // on the record, not a button
	if a.tt.Busy() {
		t.Fatal("the needle moved before the record existed")
	}
	deadline := time.Now().Add(30 * time.Second)
	for !a.tt.Busy() {
		if time.Now().After(deadline) {
			t.Fatal("the early tap was lost: the demo never started")
		}
		a.look.update(a.tt)
		if a.look.sizePX == 0 {
			a.look.fit(500) // the view would ask for its size in Draw
		}
		sc = tick(a, sc, &Input{})
		time.Sleep(time.Millisecond)
	}
	if sc.name() != sceneLightbox {
		t.Errorf("scene %v after the tap, want the lightbox", sc.name())
	}
}

// Choosing a film runs the scissors and the cigarette, then brings the
// visitor to the sound scene with that film; "back" on the way returns.
func TestFilmChoiceLeadsToSound(t *testing.T) {
	a := newTestApp()
	var sc scene = newFilmScene(a)
	sc = tick(a, sc, &Input{})
	seed := a.studio.seed
	sc = tick(a, sc, tapOn(t, a, "another-film"))
	if a.studio.seed == seed {
		t.Error("another film kept the same seed")
	}
	sc = tick(a, sc, tapOn(t, a, "film:hands"))
	if a.studio.film != "hands" {
		t.Fatalf("film %q after tapping hands", a.studio.film)
	}
	for i := 0; i < 10*60 && sc.name() == sceneFilm; i++ {
		sc = tick(a, sc, &Input{})
		time.Sleep(time.Millisecond) // the preview is drawn beside
	}
	if sc.name() != sceneSound {
		t.Fatalf("scene %v ten seconds after choosing, want sound", sc.name())
	}
	sc = tick(a, sc, &Input{Back: true})
	if sc.name() != sceneFilm {
		t.Errorf("back from the sound scene went to %v, want the films", sc.name())
	}
}
