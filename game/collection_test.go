//go:build !js

package game

import (
	"errors"
	"testing"
	"time"

	"bonemusic/engine"
	"bonemusic/internal/shelf"
)

// Two app windows on one collection both take a record and play it: the
// first save stands, the second is refused with ErrChanged (the window
// keeps its record in memory), and the shelf holds the first window's
// plays.
func TestTwoWindowsDoNotUndoEachOther(t *testing.T) {
	dir := t.TempDir()
	open := func() (shelf.Store, error) { return shelf.Dir(dir) }
	one, two := newCollection(open), newCollection(open)
	d, err := engine.Cut([][]float32{make([]float32, engine.EngineRate/4)}, engine.EngineRate, engine.DefaultParams(), engine.CutOptions{})
	if err != nil {
		t.Fatal(err)
	}
	finish(t, one, one.save(d, ""))
	finish(t, two, two.refresh())
	id := one.entries[0].id
	var discs [2]*engine.Disc
	for i, c := range []*collection{one, two} {
		r, err := finish(t, c, c.take(0))
		if err != nil || r.opened == nil {
			t.Fatalf("window %d took %v, %v", i+1, r.opened, err)
		}
		discs[i] = r.opened
		discs[i].Params.Title = []string{"played in one", "played in two"}[i]
	}
	if _, err := finish(t, one, one.save(discs[0], id)); err != nil {
		t.Fatal(err)
	}
	if _, err := finish(t, two, two.save(discs[1], id)); !errors.Is(err, shelf.ErrChanged) {
		t.Errorf("window two's save over window one's: %v, want ErrChanged", err)
	}
	finish(t, two, two.refresh())
	if got := two.entries[0].title; got != "played in one" {
		t.Errorf("the shelf holds %q, want window one's save", got)
	}
}

// finish waits for the collection's job started with err.
func finish(t *testing.T, c *collection, err error) (shelfDone, error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
	for deadline := time.Now().Add(10 * time.Second); time.Now().Before(deadline); time.Sleep(time.Millisecond) {
		if r, err, ok := c.poll(); ok {
			return r, err
		}
	}
	t.Fatal("the shelf job never ended")
	return shelfDone{}, nil
}
