//go:build !js

package game

import (
	"strings"
	"testing"
	"time"

	"bonemusic/engine"
)

// latheApp is a test app with a short record on the turntable and the
// lathe scene open.
func latheApp(t *testing.T, seconds float64) (*app, scene) {
	t.Helper()
	a := newTestApp()
	d, err := engine.Cut([][]float32{make([]float32, int(seconds*engine.EngineRate))}, engine.EngineRate, engine.DefaultParams(), engine.CutOptions{})
	if err != nil {
		t.Fatal(err)
	}
	var sc scene = a.playDisc(d)
	sc = tick(a, sc, &Input{})
	sc = tick(a, sc, tapOn(t, a, "lathe"))
	if sc.name() != sceneLathe {
		t.Fatalf("scene %v after tapping the lathe, want the lathe", sc.name())
	}
	return a, tick(a, sc, &Input{})
}

// published is the scene's part of the state.
func published(sc scene) State {
	var st State
	sc.publish(&st)
	return st
}

// The record is cut on the simulated lathe: the phases come in order, the
// machine's state and the accepted lines are shown, the cutter drive plays
// through the speaker while the spiral is cut and the turntable is heard
// again after.
func TestLatheSceneCutsOnTheSimulator(t *testing.T) {
	a, sc := latheApp(t, 1)
	sc = tick(a, sc, tapOn(t, a, "lathe:start"))
	seen := map[string]bool{}
	heardDrive := false
	deadline := time.Now().Add(30 * time.Second)
	for {
		sc = tick(a, sc, &Input{})
		st := published(sc)
		seen[st.LathePhase] = true
		if st.LathePhase == "cutting" {
			_, heardDrive = a.speaker.current().(interface{ Level() float64 })
			if st.LatheState == "" || st.LatheLine == "" || st.LatheRadiusMM <= 0 {
				t.Fatalf("cutting without the machine's state: %+v", st)
			}
		}
		if st.LathePhase == "finished" || st.LathePhase == "stopped" || time.Now().After(deadline) {
			break
		}
		time.Sleep(5 * time.Millisecond)
	}
	st := published(sc)
	for _, p := range []string{"connecting", "preparing", "cutting", "finished"} {
		if !seen[p] {
			t.Errorf("phase %s never shown (saw %v)", p, seen)
		}
	}
	if st.LatheDone != st.LatheTotal || st.LatheTotal == 0 || !heardDrive {
		t.Errorf("ended %d of %d steps; drive heard %v", st.LatheDone, st.LatheTotal, heardDrive)
	}
	sc = settle(a, sc)
	if a.speaker.current() != a.tt || !strings.Contains(a.currentNotice(), "cut the record") {
		t.Errorf("after the cut: the speaker plays %T, notice %q", a.speaker.current(), a.currentNotice())
	}
}

// Esc while cutting is STOP: the machine stops safely at once and the
// visitor is told what happened; a second Esc leaves the scene.
func TestLatheSceneStops(t *testing.T) {
	a, sc := latheApp(t, 10)
	sc = tick(a, sc, tapOn(t, a, "lathe:start"))
	deadline := time.Now().Add(20 * time.Second)
	for published(sc).LathePhase != "cutting" && time.Now().Before(deadline) {
		sc = tick(a, sc, &Input{})
		time.Sleep(5 * time.Millisecond)
	}
	stopAt := time.Now()
	sc = tick(a, sc, &Input{Back: true})
	sc = settle(a, sc)
	if st := published(sc); st.LathePhase != "stopped" || time.Since(stopAt) > time.Second || !strings.Contains(a.currentNotice(), "stopped by hand") {
		t.Errorf("%v after STOP: phase %q, notice %q", time.Since(stopAt), st.LathePhase, a.currentNotice())
	}
	if sc.name() != sceneLathe || a.speaker.current() != a.tt {
		t.Errorf("after STOP: scene %v, speaker %T", sc.name(), a.speaker.current())
	}
	if sc = tick(a, sc, &Input{Back: true}); sc.name() != sceneTurntable {
		t.Errorf("Esc after the stop went to %v, want the turntable", sc.name())
	}
}

// settle ticks until the run has ended and been told (at most 2 s).
func settle(a *app, sc scene) scene {
	for end := time.Now().Add(2 * time.Second); a.currentNotice() == "" && time.Now().Before(end); {
		sc = tick(a, sc, &Input{})
		time.Sleep(5 * time.Millisecond)
	}
	return sc
}
