//go:build !js

package cli

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"
)

// Two plays of one disc at once: the second waits for the first and plays
// on what it saved, so all 20 plays are on the disc.
func TestConcurrentPlaysAllCount(t *testing.T) {
	dir := t.TempDir()
	disc := cutTestDisc(t, dir, "")
	var wg sync.WaitGroup
	var stderrs [2]string
	for i := range 2 {
		wg.Go(func() {
			code, _, stderr := run(t, "play", disc, "-o", filepath.Join(dir, []string{"a.wav", "b.wav"}[i]), "--plays", "10")
			if code != 0 {
				t.Errorf("play %d: exit %d: %s", i, code, stderr)
			}
			stderrs[i] = stderr
		})
	}
	wg.Wait()
	if plays := discInfoOf(t, disc).Plays; plays != 20 {
		t.Errorf("two runs of 10 plays left %d plays on the disc, want 20", plays)
	}
	t.Logf("stderr: %q", stderrs)
}

// A cut onto a disc that is being played waits for the play, then replaces
// the disc: the cut is not reverted by the play's save.
func TestCutDuringPlayIsNotReverted(t *testing.T) {
	dir := t.TempDir()
	disc := cutTestDisc(t, dir, "old")
	playing := startLongPlay(t, disc, filepath.Join(dir, "out.wav"))
	code, _, stderr := run(t, "cut", filepath.Join(dir, "tune.wav"), "-o", disc, "--title", "new")
	if code != 0 || !strings.Contains(stderr, "waiting: another bonemusic is using") {
		t.Errorf("cut during a play: exit %d, stderr %q; want 0 after saying it waits", code, stderr)
	}
	if r := <-playing; r.code != 0 {
		t.Errorf("the play: exit %d: %s", r.code, r.stderr)
	}
	if info := discInfoOf(t, disc); info.Params.Title != "new" || info.Plays != 0 {
		t.Errorf("the disc has title %q and %d plays; want the new cut (\"new\", 0 plays)", info.Params.Title, info.Plays)
	}
}

// A program that does not take the lock (an older build, another tool)
// replaces the disc during a play: the play does not overwrite it, and
// says its plays were not saved.
func TestPlayDoesNotRevertAWriterThatDidNotLock(t *testing.T) {
	dir := t.TempDir()
	disc := cutTestDisc(t, dir, "old")
	theirs := filepath.Join(dir, "theirs.bone")
	mustRun(t, "cut", filepath.Join(dir, "tune.wav"), "-o", theirs, "--title", "theirs")
	playing := startLongPlay(t, disc, filepath.Join(dir, "out.wav"))
	time.Sleep(200 * time.Millisecond) // the play has read the disc by now
	if err := os.Rename(theirs, disc); err != nil {
		t.Fatal(err)
	}
	r := <-playing
	if r.code != 1 || !strings.Contains(r.stderr, "was changed by another program while these plays ran; they were not saved") {
		t.Errorf("play: exit %d, stderr %q; want 1 saying the plays were not saved", r.code, r.stderr)
	}
	if r.stdout != "" {
		t.Errorf("play reported plays that were not saved: %q", r.stdout)
	}
	if info := discInfoOf(t, disc); info.Params.Title != "theirs" || info.Plays != 0 {
		t.Errorf("the disc has title %q and %d plays; want the other program's (\"theirs\", 0 plays)", info.Params.Title, info.Plays)
	}
}

type runResult struct {
	code           int
	stdout, stderr string
}

// startLongPlay starts 40 plays of disc and returns once they hold the
// disc's lock.
func startLongPlay(t *testing.T, disc, out string) <-chan runResult {
	t.Helper()
	done := make(chan runResult, 1)
	go func() {
		var stdout, stderr bytes.Buffer
		code := Main([]string{"play", disc, "-o", out, "--plays", "40"}, &stdout, &stderr)
		done <- runResult{code, stdout.String(), stderr.String()}
	}()
	lock := filepath.Join(filepath.Dir(disc), "."+filepath.Base(disc)+".lock")
	for deadline := time.Now().Add(10 * time.Second); ; time.Sleep(time.Millisecond) {
		if _, err := os.Stat(lock); err == nil {
			return done
		}
		if time.Now().After(deadline) {
			t.Fatal("the play never took the disc's lock")
		}
	}
}

// cutTestDisc cuts half a second of a march onto disc.bone in dir.
func cutTestDisc(t *testing.T, dir, title string) string {
	t.Helper()
	tune, disc := filepath.Join(dir, "tune.wav"), filepath.Join(dir, "disc.bone")
	mustRun(t, "demo", "-o", tune, "--tune", "march", "--seconds", "0.5")
	mustRun(t, "cut", tune, "-o", disc, "--title", title)
	return disc
}

func discInfoOf(t *testing.T, disc string) discInfo {
	t.Helper()
	var info discInfo
	if err := json.Unmarshal([]byte(mustRun(t, "info", disc)), &info); err != nil {
		t.Fatal(err)
	}
	return info
}

// What a killed save left beside a disc is cleaned when the disc is next
// opened, by any command.
func TestOpenCleansKilledSaves(t *testing.T) {
	dir := t.TempDir()
	disc := cutTestDisc(t, dir, "")
	for _, cmd := range [][]string{{"info", disc}, {"lathe", disc, "--dry-run"}, {"play", disc, "-o", filepath.Join(dir, "out.wav")}} {
		stale := filepath.Join(dir, ".disc.bone.tmp-12345")
		os.WriteFile(stale, []byte("half a disc"), 0o600)
		old := time.Now().Add(-time.Hour)
		os.Chtimes(stale, old, old)
		mustRun(t, cmd...)
		if _, err := os.Stat(stale); err == nil {
			t.Errorf("%s left the killed save's temporary file", cmd[0])
		}
	}
}
