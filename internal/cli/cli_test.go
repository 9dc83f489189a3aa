//go:build !js

package cli

import (
	"bytes"
	"encoding/json"
	"image/png"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"bonemusic/internal/audioio"
)

// run calls Main in-process and returns the exit code and both streams.
func run(t *testing.T, args ...string) (int, string, string) {
	t.Helper()
	var stdout, stderr bytes.Buffer
	code := Main(args, &stdout, &stderr)
	return code, stdout.String(), stderr.String()
}

func mustRun(t *testing.T, args ...string) string {
	t.Helper()
	code, stdout, stderr := run(t, args...)
	if code != 0 {
		t.Fatalf("%v: exit %d\n%s", args, code, stderr)
	}
	return stdout
}

// TestEndToEnd makes a sound, cuts it, plays it three times and checks
// that the disc file remembers every play.
func TestEndToEnd(t *testing.T) {
	dir := t.TempDir()
	in := filepath.Join(dir, "letter.wav")
	disc := filepath.Join(dir, "letter.bone")
	out := filepath.Join(dir, "played.wav")
	pic := filepath.Join(dir, "letter.png")

	mustRun(t, "demo", "-o", in, "--tune", "letter", "--seconds", "4")
	mustRun(t, "cut", in, "-o", disc, "--film", "hands", "--title", "Письмо", "--seed", "7")
	stdout := mustRun(t, "play", disc, "-o", out, "--plays", "3", "--pickup", "steel")
	if n := strings.Count(stdout, "\n"); n != 3 {
		t.Errorf("play printed %d lines, want one per play:\n%s", n, stdout)
	}

	var info discInfo
	if err := json.Unmarshal([]byte(mustRun(t, "info", disc)), &info); err != nil {
		t.Fatal(err)
	}
	if info.Plays != 3 || info.PlaysByPickup["steel"] != 3 || len(info.History) != 3 {
		t.Errorf("info shows %d plays (%v), want 3 with steel", info.Plays, info.PlaysByPickup)
	}
	if info.Params.Film != "hands" || info.Params.Title != "Письмо" || info.Params.Seed != 7 {
		t.Errorf("info params = %+v", info.Params)
	}
	if info.ProgrammeSeconds < 3.9 || info.ProgrammeSeconds > 4.2 {
		t.Errorf("programme %.2f s, want about 4", info.ProgrammeSeconds)
	}
	if info.Wear.Mean <= 0 {
		t.Errorf("three steel plays left no wear: %+v", info.Wear)
	}

	channels, rateHz, err := audioio.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	if seconds := float64(len(channels[0])) / float64(rateHz); seconds < 4 || seconds > 30 {
		t.Errorf("played sound is %.1f s long", seconds)
	}

	mustRun(t, "render", disc, "-o", pic, "--size", "200")
	f, err := os.Open(pic)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	img, err := png.Decode(f)
	if err != nil {
		t.Fatal(err)
	}
	if b := img.Bounds(); b.Dx() != 200 || b.Dy() != 200 {
		t.Errorf("picture is %v, want 200×200", b)
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 4 {
		t.Errorf("directory holds %d files, want 4 (no temporary files left)", len(entries))
	}
}

func TestBadUsage(t *testing.T) {
	dir := t.TempDir()
	tests := [][]string{
		{},
		{"polish"},
		{"cut"},
		{"cut", "a.wav"},
		{"cut", "a.wav", "b.wav", "-o", "x.bone"},
		{"cut", "a.wav", "-o", "x.bone", "--film", "foot"},
		{"cut", "a.wav", "-o", "x.bone", "--rpm", "fast"},
		{"cut", "a.wav", "-o", "x.bone", "--lpi", "20"},
		{"cut", "a.wav", "-o", "x.bone", "--level", "NaN"},
		{"cut", "a.wav", "-o", "x.bone", "--loud"},
		{"play", "x.bone"},
		{"play", "x.bone", "-o", "y.wav", "--plays", "0"},
		{"play", "x.bone", "-o", "y.wav", "--pickup", "laser"},
		{"info"},
		{"info", "a.bone", "b.bone"},
		{"render", "x.bone"},
		{"render", "x.bone", "-o", "x.png", "--size", "5"},
		{"demo"},
		{"demo", "-o", "x.wav", "--tune", "polka"},
		{"demo", "-o", "x.wav", "--seconds", "-3"},
		{"demo", "extra", "-o", "x.wav"},
	}
	for _, args := range tests {
		code, _, stderr := run(t, args...)
		if code != 2 {
			t.Errorf("%v: exit %d, want 2\n%s", args, code, stderr)
		}
		if !strings.Contains(stderr, "usage:") {
			t.Errorf("%v: no usage text on stderr", args)
		}
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 0 {
		t.Errorf("bad usage wrote files: %v", entries)
	}
}

func TestHelp(t *testing.T) {
	for _, args := range [][]string{{"help"}, {"--help"}, {"cut", "-h"}} {
		code, stdout, _ := run(t, args...)
		if code != 0 || !strings.Contains(stdout, "usage:") {
			t.Errorf("%v: exit %d", args, code)
		}
	}
}

// Errors that are not usage mistakes: exit 1 and exactly one line saying what.
func TestErrorsAreOneClearLine(t *testing.T) {
	dir := t.TempDir()
	text := filepath.Join(dir, "notes.wav")
	os.WriteFile(text, []byte("these are my notes, not a sound"), 0o644)
	missing := filepath.Join(dir, "missing.wav")
	tests := []struct {
		args []string
		want string
	}{
		{[]string{"cut", missing, "-o", filepath.Join(dir, "x.bone")}, "no such file"},
		{[]string{"cut", text, "-o", filepath.Join(dir, "x.bone")}, "not a WAV, MP3 or Ogg Vorbis sound"},
		{[]string{"play", filepath.Join(dir, "none.bone"), "-o", filepath.Join(dir, "y.wav")}, "no such file"},
		{[]string{"info", text}, "not a Bone Music disc file"},
		{[]string{"demo", "-o", filepath.Join(dir, "no", "such", "dir.wav")}, "does not exist"},
		{[]string{"cut", text, "-o", filepath.Join(dir, "nowhere", "x.bone")}, "does not exist"},
	}
	for _, tt := range tests {
		code, _, stderr := run(t, tt.args...)
		if code != 1 {
			t.Errorf("%v: exit %d, want 1", tt.args, code)
		}
		if strings.Count(stderr, "\n") != 1 || !strings.Contains(stderr, tt.want) {
			t.Errorf("%v: stderr %q, want one line containing %q", tt.args, stderr, tt.want)
		}
	}
}

func TestCorruptDiscIsLeftAlone(t *testing.T) {
	dir := t.TempDir()
	in := filepath.Join(dir, "march.wav")
	disc := filepath.Join(dir, "march.bone")
	mustRun(t, "demo", "-o", in, "--tune", "march", "--seconds", "1")
	mustRun(t, "cut", in, "-o", disc)
	data, err := os.ReadFile(disc)
	if err != nil {
		t.Fatal(err)
	}
	data[len(data)/2] ^= 0x40
	os.WriteFile(disc, data, 0o644)

	out := filepath.Join(dir, "out.wav")
	code, _, stderr := run(t, "play", disc, "-o", out)
	if code != 1 || !strings.Contains(stderr, "damaged") || strings.Count(stderr, "\n") != 1 {
		t.Errorf("exit %d, stderr %q; want 1 and one line saying the disc is damaged", code, stderr)
	}
	after, _ := os.ReadFile(disc)
	if !bytes.Equal(after, data) {
		t.Error("the corrupt disc file was changed")
	}
	if _, err := os.Stat(out); !os.IsNotExist(err) {
		t.Error("a sound was written from a corrupt disc")
	}
}

func TestCutRefusesTooLongSound(t *testing.T) {
	dir := t.TempDir()
	in := filepath.Join(dir, "long.wav")
	// 100 rpm at 80 lpi holds under two minutes.
	mustRun(t, "demo", "-o", in, "--tune", "waltz", "--seconds", "120")
	code, _, stderr := run(t, "cut", in, "-o", filepath.Join(dir, "x.bone"), "--rpm", "100", "--lpi", "80")
	if code != 1 || strings.Count(stderr, "\n") != 1 || !strings.Contains(stderr, "holds at most") {
		t.Errorf("exit %d, stderr %q; want 1 and one line saying how long the disc holds", code, stderr)
	}
}

func TestProgressOnlyOnTerminals(t *testing.T) {
	var buf bytes.Buffer
	quiet := newProgress(&buf)
	quiet.show("cutting…")
	quiet.done()
	if buf.Len() != 0 {
		t.Errorf("progress written to a non-terminal: %q", buf.String())
	}
	loud := &progress{w: &buf}
	loud.show("play 1 of 2")
	loud.show("play 2")
	loud.done()
	if got := buf.String(); got != "\rplay 1 of 2\rplay 2     \r           \r" {
		t.Errorf("progress drew %q", got)
	}
}

func TestCutEmptySound(t *testing.T) {
	dir := t.TempDir()
	empty := filepath.Join(dir, "empty.wav")
	f, _ := os.Create(empty)
	audioio.WriteWAV(f, nil, 44100)
	f.Close()
	code, _, stderr := run(t, "cut", empty, "-o", filepath.Join(dir, "x.bone"))
	if code != 1 || !strings.Contains(stderr, "empty") {
		t.Errorf("exit %d, %q; want 1 and a message that the sound is empty", code, stderr)
	}
}

// lathe --dry-run prints the plan: a comment line, then G-code that starts
// by lifting the cutter and ends the program; without --dry-run it refuses
// rather than pretend to cut.
func TestLatheDryRun(t *testing.T) {
	dir := t.TempDir()
	in, disc := filepath.Join(dir, "march.wav"), filepath.Join(dir, "march.bone")
	mustRun(t, "demo", "-o", in, "--tune", "march", "--seconds", "3")
	mustRun(t, "cut", in, "-o", disc)
	out := mustRun(t, "lathe", disc, "--dry-run")
	lines := strings.Split(strings.TrimSpace(out), "\n")
	if !strings.HasPrefix(lines[0], "; ") || !strings.Contains(lines[0], "programme feed 19.878 mm/min") ||
		lines[1] != "G21 G90 G94" || lines[len(lines)-1] != "M2" {
		t.Errorf("plan:\n%s", out)
	}
	if code, _, stderr := run(t, "lathe", disc); code != exitUsage || !strings.Contains(stderr, "--port") {
		t.Errorf("without a port or --dry-run: exit %d, %q", code, stderr)
	}
	if code, _, stderr := run(t, "lathe", disc, "--dry-run", "--travel", "10"); code != exitError || !strings.Contains(stderr, "carriage travel") {
		t.Errorf("too little travel: exit %d, %q", code, stderr)
	}
	// Cut with variable pitch, the plan's feed follows the music.
	vp := filepath.Join(dir, "march-vp.bone")
	mustRun(t, "cut", in, "-o", vp, "--variable-pitch")
	var info discInfo
	if err := json.Unmarshal([]byte(mustRun(t, "info", vp)), &info); err != nil {
		t.Fatal(err)
	}
	if !info.Params.VariablePitch || info.Params.MinPitchMM >= 0.254 {
		t.Errorf("variable pitch %v, closest turns %.3f mm; want true and under the nominal 0.254", info.Params.VariablePitch, info.Params.MinPitchMM)
	}
	feeds := map[string]bool{}
	for _, l := range strings.Split(mustRun(t, "lathe", vp, "--dry-run"), "\n") {
		if f := strings.Fields(l); len(f) == 3 && f[0] == "G1" && strings.HasPrefix(f[1], "X") {
			feeds[f[2]] = true
		}
	}
	if len(feeds) < 3 {
		t.Errorf("a variable-pitch plan with %d distinct feeds: %v", len(feeds), feeds)
	}
}
