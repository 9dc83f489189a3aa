//go:build !js

package game

import (
	"fmt"
	"runtime"
	"strings"
	"testing"
	"time"

	"bonemusic/engine/synth"
	"bonemusic/game/turntable"
	"bonemusic/internal/shelf"
	"bonemusic/internal/soak"
)

// The soak: many cut → play → save cycles through the app without a window,
// the way a kiosk runs for days, with the Go heap and the goroutines counted
// as it goes. `make soak` runs it; `make test` does not. BONEMUSIC_SOAK_CYCLES
// sets the number of cycles (1,000).

const (
	// soakTakeSec is each cycle's sound: short, so a cycle is a few hundred
	// ticks of a real play (arm, lead-in, programme, run-out) and the
	// thousand cycles take minutes.
	soakTakeSec = 0.5
	// soakWarmup cycles run before the first figure: they fill what is
	// filled once (the blank's picture, fonts, the render cache, the
	// shelf's first listing), which is not a leak.
	soakWarmup = 5
	// soakEvery is how often the figures are taken.
	soakEvery = 100
	// soakHeapSlackBytes is the live heap's growth allowed over the run.
	// Without a window Ebiten never ends a frame, so the images made and
	// disposed each cycle (a shelf thumbnail, the charts) stay queued in
	// its atlas: about 0.4 KB a cycle, measured with a heap profile, that
	// a running game frees every frame. 2 MB holds that five times over;
	// a leak of 2 KB a cycle (a disc's history, a picture's header) already
	// passes it over 1,000 cycles.
	soakHeapSlackBytes = 2 << 20
	// soakGoroutineSlack: every job has ended when a figure is taken (see
	// settle), so none should stay; one is allowed for a runtime worker
	// caught mid-flight.
	soakGoroutineSlack = 1
)

// soakFigures is one row of the soak's table.
type soakFigures struct {
	cycle      int
	heapBytes  uint64 // live heap after a full collection
	spanBytes  uint64 // heap spans in use: the live heap plus fragmentation
	goroutines int
	elapsed    time.Duration
}

// settleJobs waits (up to ten seconds) for the work started beside the game
// — the charts of the last play, the shelf's pictures — to end, so a figure
// counts what is kept, not what is under way; a job that never ends shows
// as a goroutine over the baseline.
func settleJobs(baseline int) {
	for end := time.Now().Add(10 * time.Second); runtime.NumGoroutine() > baseline && time.Now().Before(end); {
		time.Sleep(10 * time.Millisecond)
	}
}

func measureSoak(cycle int, start time.Time) soakFigures {
	runtime.GC()
	runtime.GC() // the second one frees what the first one's finalisers released
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	return soakFigures{cycle: cycle, heapBytes: ms.HeapAlloc, spanBytes: ms.HeapInuse, goroutines: runtime.NumGoroutine(), elapsed: time.Since(start)}
}

func TestSoakCutPlaySave(t *testing.T) {
	soak.Require(t)
	t.Setenv("BONEMUSIC_DATA", t.TempDir())
	cycles := soak.Count(t, "BONEMUSIC_SOAK_CYCLES", 1000)
	a := newApp("en") // the app's own collection, in BONEMUSIC_DATA
	a.w, a.h = 960, 540
	a.shelf = newCollection(shelf.Open)

	baseline := runtime.NumGoroutine() // the test's own, before any job
	start := time.Now()
	var rows []soakFigures
	// The table is printed even when a cycle gets stuck: the figures up to
	// then are what the lead needs to see.
	defer func() {
		if len(rows) > 0 {
			fmt.Print(soakTable(rows, cycles)) // unprefixed: the table pastes into a note as it is
		}
	}()
	for c := 1; c <= soakWarmup+cycles; c++ {
		soakCycle(t, a, c)
		if n := c - soakWarmup; n == 0 || n > 0 && (n%soakEvery == 0 || n == cycles) {
			settleJobs(baseline)
			f := measureSoak(n, start)
			rows = append(rows, f)
			t.Logf("cycle %4d: live heap %6.2f MB, %d goroutines", n, mb(f.heapBytes), f.goroutines)
		}
	}
	first, last := rows[0], rows[len(rows)-1]
	if last.heapBytes > first.heapBytes+soakHeapSlackBytes {
		t.Errorf("the live heap grew from %.2f to %.2f MB over %d cycles (allowed %.0f MB): something is kept per cycle",
			mb(first.heapBytes), mb(last.heapBytes), cycles, mb(soakHeapSlackBytes))
	}
	if last.goroutines > first.goroutines+soakGoroutineSlack {
		t.Errorf("goroutines grew from %d to %d over %d cycles: a job that never ends", first.goroutines, last.goroutines, cycles)
	}
}

// soakCycle is one visitor's record: a short synthesised take cut fast,
// played once to the end, saved to the shelf, and deleted there again so
// the shelf stays one record long (a thousand saved records would be a
// thousand thumbnails, which is growth by design, not a leak).
func soakCycle(t *testing.T, a *app, c int) {
	t.Helper()
	a.studio.film, a.studio.seed = "skull", uint64(c)
	tune := synth.Tunes[c%len(synth.Tunes)]
	take, err := synthesise(tune, uint64(c), soakTakeSec, func(float64) {})
	if err != nil {
		t.Fatal(err)
	}
	a.studio.sound, a.studio.source = take, "demo:"+tune

	var sc scene = newSoundScene(a)
	sc = tick(a, sc, &Input{})
	sc = tick(a, sc, tapOn(t, a, "cut:fast"))
	sc = soakUntil(t, a, sc, c, "the fast cut", func(sc scene) bool { return sc.name() == sceneTurntable })
	d := a.studio.disc
	sc = tick(a, sc, &Input{}) // the turntable lays out its controls

	sc = tick(a, sc, tapOn(t, a, "play"))
	sc = soakUntil(t, a, sc, c, "the play to end", func(scene) bool {
		return d.Plays() == 1 && a.tt.Now().Arm == turntable.ArmRest
	})
	sc = tick(a, sc, tapOn(t, a, "save"))
	sc = soakUntil(t, a, sc, c, "the save", func(scene) bool { return a.studio.shelfID != "" && !a.shelf.busy() })
	if n := len(a.shelf.entries); n != 1 || a.shelf.entries[0].plays != 1 {
		t.Fatalf("cycle %d: the shelf holds %d records (%+v), want this one with its play", c, n, a.shelf.entries)
	}

	sc = tick(a, sc, tapOn(t, a, "shelf"))
	sc = tick(a, sc, &Input{})
	sc = soakUntil(t, a, sc, c, "the shelf to be read", func(scene) bool { return !a.shelf.busy() })
	sc = tick(a, sc, tapOn(t, a, "open:0")) // chosen
	sc = tick(a, sc, tapOn(t, a, "delete"))
	sc = soakUntil(t, a, sc, c, "the delete", func(scene) bool { return !a.shelf.busy() && len(a.shelf.entries) == 0 })
	sc = tick(a, sc, tapOn(t, a, "back"))
	if sc.name() != sceneTurntable {
		t.Fatalf("cycle %d: back from the shelf went to %v, want the turntable", c, sc.name())
	}
}

// soakUntil ticks sc until ok holds: at most a minute of real time (a slow
// machine shared with other builds) before the cycle is declared stuck.
func soakUntil(t *testing.T, a *app, sc scene, cycle int, what string, ok func(scene) bool) scene {
	t.Helper()
	for end := time.Now().Add(time.Minute); !ok(sc); {
		if time.Now().After(end) {
			t.Fatalf("cycle %d: waited a minute for %s (scene %v, notice %q)", cycle, what, sc.name(), a.currentNotice())
		}
		sc = tick(a, sc, &Input{})
		if a.shelf.busy() || sc.name() == sceneCut {
			time.Sleep(time.Millisecond) // work beside the game: let it run
		}
	}
	return sc
}

func soakTable(rows []soakFigures, cycles int) string {
	var b strings.Builder
	fmt.Fprintf(&b, "\nsoak: %d cut/play/save cycles (after %d warm-up)\n", cycles, soakWarmup)
	fmt.Fprintf(&b, "| cycle | live heap (MB) | heap spans in use (MB) | goroutines | elapsed (s) |\n|---:|---:|---:|---:|---:|\n")
	for _, r := range rows {
		fmt.Fprintf(&b, "| %d | %.2f | %.2f | %d | %.1f |\n", r.cycle, mb(r.heapBytes), mb(r.spanBytes), r.goroutines, r.elapsed.Seconds())
	}
	first, last := rows[0], rows[len(rows)-1]
	if n := last.cycle - first.cycle; n > 0 {
		fmt.Fprintf(&b, "per cycle: %.0f ms; live heap %+.2f MB, goroutines %+d over the run\n",
			(last.elapsed-first.elapsed).Seconds()*1000/float64(n), mb(last.heapBytes)-mb(first.heapBytes), last.goroutines-first.goroutines)
	}
	return b.String()
}

func mb(bytes uint64) float64 { return float64(bytes) / (1 << 20) }
