//go:build !js

package game

import (
	"encoding/json"
	"fmt"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// The window tests open the real desktop window (under Xvfb in make test).
// Ebiten runs once per process, so each scenario runs in a child process:
// this test binary again, with windowScenarioEnv naming the scenario.

const windowScenarioEnv = "BONEMUSIC_WINDOW_SCENARIO"

// windowTicks is eight seconds at 60 ticks per second: the record is cut and
// drawn first (a few seconds on a loaded machine), then turns.
const windowTicks = 480

func TestMain(m *testing.M) {
	RunAudioProbeIfRequested()
	switch os.Getenv(windowScenarioEnv) {
	case "":
		code := m.Run()
		os.RemoveAll(testShelves) // the test apps' collections
		os.Exit(code)
	case "flow":
		os.Exit(runFlowScenario())
	default:
		os.Exit(runWindowScenario())
	}
}

// runWindowScenario runs the app, autostarted, and prints its final state.
func runWindowScenario() int {
	return printState(RunGame(New(Options{Lang: "en", MaxTicks: windowTicks, AutoStart: true})))
}

func printState(st State, err error) int {
	if err != nil {
		fmt.Fprintln(os.Stderr, "RunGame:", err)
		return 1
	}
	if err := json.NewEncoder(os.Stdout).Encode(st); err != nil {
		return 1
	}
	return 0
}

func runScenario(t *testing.T, alsaConf string, env ...string) State {
	t.Helper()
	if os.Getenv("DISPLAY") == "" {
		if os.Getenv("BONEMUSIC_FULL_TEST") == "1" {
			t.Fatal("no DISPLAY: make test runs this under xvfb-run")
		}
		t.Skip("no DISPLAY (make test runs this under xvfb-run)")
	}
	conf, err := filepath.Abs(filepath.Join("testdata", alsaConf))
	if err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(os.Args[0], "-test.run=^$")
	cmd.Env = append(os.Environ(),
		windowScenarioEnv+"=1",
		"ALSA_CONFIG_PATH="+conf,
		"PULSE_SERVER=unix:/nonexistent/pulse", // never a developer's real speakers
		"BONEMUSIC_DATA="+t.TempDir(),          // nor their collection
	)
	cmd.Env = append(cmd.Env, env...) // later entries win
	var stderr strings.Builder
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("window run failed: %v\n%s", err, stderr.String())
	}
	var st State
	if err := json.Unmarshal(out, &st); err != nil {
		t.Fatalf("window run printed %q: %v\n%s", out, err, stderr.String())
	}
	t.Logf("%s: %+v", alsaConf, st)
	return st
}

func checkTurning(t *testing.T, st State) {
	t.Helper()
	if st.Ticks < windowTicks || st.Frames < windowTicks/4 {
		t.Errorf("ran %d ticks and drew %d frames, want %d ticks and frames drawn", st.Ticks, st.Frames, windowTicks)
	}
	if st.Scene != "lightbox" {
		t.Errorf("scene %q, want lightbox", st.Scene)
	}
	if st.TurnedSec < 1 {
		t.Fatalf("record turned for %.1f s of %d s: it was not ready in time", st.TurnedSec, windowTicks/60)
	}
	// The motor started when the demo was on the platter and took a second
	// to reach speed; by the end the platter turns at 78 rpm, and it has
	// turned at most as far as 78 rpm for the whole clock allows.
	if math.Abs(st.PlatterRPM-78.26) > 0.01 {
		t.Errorf("platter turns at %.2f rpm, want 78.26", st.PlatterRPM)
	}
	if most := 78.26 / 60 * 360 * st.TurnedSec; st.DiscAngleDeg > most || st.DiscAngleDeg < most/2 {
		t.Errorf("record turned %.0f° in %.1f s of its clock, want at most %.0f° (78 rpm) and at least half that", st.DiscAngleDeg, st.TurnedSec, most)
	}
}

func TestWindowPlaysThroughSoundDevice(t *testing.T) {
	st := runScenario(t, "alsa-null.conf")
	checkTurning(t, st)
	// ALSA's null device takes samples as fast as they come, so the record
	// may already have been played through: sound was produced either way.
	if !st.AudioReady || st.AudioMS <= 0 {
		t.Errorf("audio ready=%v at %.0f ms, want sound produced", st.AudioReady, st.AudioMS)
	}
	if st.Notice != "" {
		t.Errorf("notice %q with a working device", st.Notice)
	}
}

// A kiosk without a sound card must keep running, silently, and say so.
func TestWindowSurvivesMissingSoundDevice(t *testing.T) {
	st := runScenario(t, "alsa-none.conf")
	checkTurning(t, st)
	if st.AudioReady || st.AudioPlaying {
		t.Errorf("audio ready=%v playing=%v with no device", st.AudioReady, st.AudioPlaying)
	}
	if st.Notice != texts["en"].NoSound {
		t.Errorf("notice %q, want %q", st.Notice, texts["en"].NoSound)
	}
}
