//go:build !js && !windows

package cli

import (
	"context"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"bonemusic/lathe"
)

// latheDisc cuts a short demo disc for the lathe tests.
func latheDisc(t *testing.T, seconds string) string {
	t.Helper()
	dir := t.TempDir()
	in, disc := filepath.Join(dir, "letter.wav"), filepath.Join(dir, "letter.bone")
	mustRun(t, "demo", "-o", in, "--tune", "letter", "--seconds", seconds)
	mustRun(t, "cut", in, "-o", disc)
	return disc
}

// simulatedBoard serves a simulated grbl board on a pseudo-terminal.
func simulatedBoard(t *testing.T, speedup float64) (string, func() error) {
	t.Helper()
	name, closeFn, err := lathe.ServePTY(context.Background(), lathe.DefaultConfig(), speedup)
	if err != nil {
		t.Skipf("no pseudo-terminal: %v", err)
	}
	t.Cleanup(func() { closeFn() })
	return name, closeFn
}

// A cut on a simulated board through the real serial code: exit 0, the
// phases on stderr, nothing on stdout.
func TestLatheCutsOnAPort(t *testing.T) {
	t.Parallel()
	disc := latheDisc(t, "4")
	port, _ := simulatedBoard(t, 20)
	code, stdout, stderr := run(t, "lathe", disc, "--port", port)
	if code != exitOK || stdout != "" {
		t.Fatalf("exit %d, stdout %q, stderr:\n%s", code, stdout, stderr)
	}
	for _, want := range []string{"connecting", "preparing", "cutting", "finished", "cutter up"} {
		if !strings.Contains(stderr, want) {
			t.Errorf("stderr lacks %q:\n%s", want, stderr)
		}
	}
}

// The board going away mid-cut: exit 1 within a second, saying what to
// check.
func TestLatheLostLinkExitsWithinASecond(t *testing.T) {
	t.Parallel()
	disc := latheDisc(t, "20")
	port, closeFn := simulatedBoard(t, 1)
	closed := make(chan time.Time, 1)
	time.AfterFunc(3*time.Second, func() { closed <- time.Now(); closeFn() })
	code, _, stderr := run(t, "lathe", disc, "--port", port)
	took := time.Since(<-closed)
	t.Logf("the board went away: exit %d after %v", code, took)
	if code != exitError || took > time.Second || !strings.Contains(stderr, "stopped answering") {
		t.Errorf("exit %d %v after the board went away:\n%s", code, took, stderr)
	}
}

func TestLatheRefusals(t *testing.T) {
	t.Parallel()
	disc := latheDisc(t, "2")
	if code, _, stderr := run(t, "lathe", disc, "--port", "/dev/bonemusic-no-such-port"); code != exitError || !strings.Contains(stderr, "no port") {
		t.Errorf("a port that does not exist: exit %d, %q", code, stderr)
	}
	if code, _, stderr := run(t, "lathe", disc, "--port", "/dev/null", "--protocol", "gcode"); code != exitError || !strings.Contains(stderr, "grbl or midi") {
		t.Errorf("an unknown protocol: exit %d, %q", code, stderr)
	}
	if code, _, stderr := run(t, "lathe", disc, "--port", "/dev/null", "--protocol", "midi", "--channel", "17"); code != exitUsage || !strings.Contains(stderr, "1–16") {
		t.Errorf("MIDI channel 17: exit %d, %q", code, stderr)
	}
	if code, stdout, stderr := run(t, "lathe", "--list"); code != exitOK || stdout == "" {
		t.Errorf("--list: exit %d, %q, %q", code, stdout, stderr)
	}
}
