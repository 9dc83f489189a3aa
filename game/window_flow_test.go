//go:build !js

package game

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// flowTicks bounds the desktop flow: about a minute and a half of game time.
const flowTicks = 90 * 60

// runFlowScenario makes a record in the desktop window from the microphone
// — a PulseAudio server the test started, whose default source is a 440 Hz
// sine — by replayed taps on the published buttons, plays it twice with the
// steel needle, cuts it on the simulated lathe, and prints the final state
// and the steps it took.
func runFlowScenario() int {
	sc := &script{steps: []step{
		{"the demo on the lightbox", hasButton("own"), "own"},
		{"the films", func(s State) bool { return s.Scene == "film" }, "film:skull"},
		{"the sound scene", func(s State) bool { return s.Scene == "sound" }, "source:mic"},
		{"the microphone on", hasButton("record"), "record"},
		{"two seconds recorded", func(s State) bool { return s.RecordedSec >= 2 }, "stop"},
		{"stopped", hasButton("cut:fast"), "cut:fast"},
		{"the record cut", func(s State) bool { return s.Scene == "turntable" }, "pickup:steel"},
		{"the steel needle", func(s State) bool { return s.Pickup == "steel" }, "play"},
		{"the first play over", func(s State) bool { return s.Plays == 1 && s.Arm == "rest" }, "play"},
		{"the second play over", func(s State) bool { return s.Plays == 2 && s.Arm == "rest" }, "lathe"},
		{"the lathe", func(s State) bool { return s.Scene == "lathe" }, "lathe:start"},
		{"the simulated lathe cutting", func(s State) bool { return s.LathePhase == "cutting" && s.LatheState == "Run" }, ""},
		{"the cut finished", func(s State) bool { return s.LathePhase == "finished" }, ""},
	}}
	st, err := RunGame(New(Options{Lang: "en", MaxTicks: flowTicks, Driver: sc.drive}))
	fmt.Fprintf(os.Stderr, "steps done: %s; waiting for: %s\n", strings.Join(sc.log, ", "), sc.current())
	return printState(st, err)
}

// The visitor's flow in the desktop window, microphone included.
func TestWindowFlowWithMicrophone(t *testing.T) {
	server := startPulse(t)
	st := runScenario(t, "alsa-null.conf", windowScenarioEnv+"=flow", "PULSE_SERVER="+server)
	if st.Scene != "lathe" || st.Plays != 2 || st.LathePhase != "finished" || st.LatheDone != st.LatheTotal {
		t.Fatalf("ended in %s with %d plays, the lathe %s after %d of %d steps; want the lathe finished after 2 plays",
			st.Scene, st.Plays, st.LathePhase, st.LatheDone, st.LatheTotal)
	}
	if st.Source != "mic" || st.RecordedSec < 2 || st.RecordedSec > 4.1 || st.Film != "skull" {
		t.Errorf("record of %.1f s from %q on %q, want 2–4 s from the microphone on skull (the test source delivers 2 s blocks)", st.RecordedSec, st.Source, st.Film)
	}
	// A silent recording would leave no voiced frames to measure.
	if st.FidelityDB <= 0 {
		t.Errorf("the second play's fidelity is %.1f dB: the microphone's sine was not recorded", st.FidelityDB)
	}
}

// startPulse starts a private PulseAudio server whose default source is a
// 440 Hz sine and returns its address; the test stops it.
func startPulse(t *testing.T) string {
	t.Helper()
	if _, err := exec.LookPath("pulseaudio"); err != nil {
		if os.Getenv("BONEMUSIC_FULL_TEST") == "1" {
			t.Fatal("pulseaudio is missing: run `make deps`")
		}
		t.Skip("pulseaudio is missing (make test installs it)")
	}
	dir := t.TempDir()
	sock := filepath.Join(dir, "pulse.sock")
	cmd := exec.Command("pulseaudio", "-n", "--daemonize=no", "--exit-idle-time=-1", "--use-pid-file=no", "--disable-shm",
		"-L", "module-native-protocol-unix socket="+sock+" auth-anonymous=1",
		"-L", "module-null-sink sink_name=out",
		"-L", "module-sine-source source_name=sine rate=44100 frequency=440")
	cmd.Env = append(os.Environ(), "XDG_RUNTIME_DIR="+dir, "HOME="+dir)
	var log strings.Builder
	cmd.Stderr = &log
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { cmd.Process.Kill(); cmd.Wait() })
	server := "unix:" + sock
	deadline := time.Now().Add(10 * time.Second)
	for {
		out, err := exec.Command("pactl", "-s", server, "set-default-source", "sine").CombinedOutput()
		if err == nil {
			return server
		}
		if time.Now().After(deadline) {
			t.Fatalf("the PulseAudio server did not come up: %v %s\n%s", err, out, log.String())
		}
		time.Sleep(100 * time.Millisecond)
	}
}
