//go:build !js

package web

import (
	"bytes"
	"context"
	"fmt"
	"image/png"
	"math"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"bonemusic/engine"
	"bonemusic/engine/bonefile"
	"bonemusic/engine/synth"
	"bonemusic/internal/audioio"
)

// micRate is the fake microphone file's rate: a browser's usual 48 kHz, so
// the app's resampling to 44.1 kHz is part of what is tested.
const micRate = 48000

// TestE2EFlow is a visitor's whole visit: tap at the first frame, make your
// own record from the microphone on a skull X-ray, cut it fast, play it
// three times with the steel needle and hear the fidelity fall, age it, take
// the sound, the picture and the audio letter home and open the letter
// again; then cut a WAV and an MP3 and try a text file. The fake microphone
// plays a known speech-like sound, which the exported WAV must follow.
// It measures the page's longest main-thread stall in each heavy step.
func TestE2EFlow(t *testing.T) {
	dir := t.TempDir()
	micWAV := filepath.Join(dir, "mic.wav")
	voice := writeVoice(t, micWAV, 8)
	downloads := filepath.Join(dir, "downloads")
	if err := os.MkdirAll(downloads, 0o755); err != nil {
		t.Fatal(err)
	}
	ctx := browser(t, browserOptions{w: pageW, h: pageH, fakeMicWAV: micWAV, downloadDir: downloads})
	srv := httptest.NewServer(Handler("."))
	defer srv.Close()
	report := &stallReport{}
	defer report.log(t)

	firstFrameMS := loadApp(t, ctx, srv.URL+"/index.html")
	t.Logf("first frame %.0f ms after navigation", firstFrameMS)
	mark := pageNow(t, ctx)
	tap(t, ctx, pageW/2, pageH/2) // at the first frame: the record is still being cut
	waitUntil(t, ctx, 60*time.Second, "window.bonemusic.state", `s.arm !== "rest" && s.scene === "lightbox"`, "the demo to start after the first tap")
	report.add(t, ctx, "demo cut and first needle drop", mark)
	// The quiet baseline: the demo playing, no work beside it. Software
	// WebGL's own frames are in here; the steps below are judged against it.
	waitUntil(t, ctx, 30*time.Second, "window.bonemusic.state", `s.arm === "playing"`, "the demo's needle in the groove")
	mark = pageNow(t, ctx)
	within(t, ctx, 15*time.Second, chromedp.Sleep(5*time.Second))
	report.baseline(t, ctx, "quiet: the demo playing, nothing else", mark)

	press(t, ctx, "own")
	waitUntil(t, ctx, 10*time.Second, "window.bonemusic.state", `s.scene === "film"`, "the film scene")
	mark = pageNow(t, ctx)
	press(t, ctx, "film:skull")
	waitUntil(t, ctx, 30*time.Second, "window.bonemusic.state", `s.scene === "sound" && s.film === "skull"`, "the sound scene after the scissors")
	report.add(t, ctx, "films drawn, scissors and hole", mark)

	// Record five seconds from the (fake) microphone.
	press(t, ctx, "source:mic")
	press(t, ctx, "record")
	waitUntil(t, ctx, 30*time.Second, "window.bonemusic.state", `s.recordedSec >= 5`, "five seconds recorded")
	press(t, ctx, "stop")
	st := readState(t, ctx, pageStateExpr)
	if st.RecordedSec < 5 || st.RecordedSec > 8 || st.Source != "mic" {
		t.Fatalf("recorded %.1f s from %q, want 5–8 s from the microphone", st.RecordedSec, st.Source)
	}

	mark = pageNow(t, ctx)
	press(t, ctx, "cut:fast")
	waitUntil(t, ctx, 60*time.Second, "window.bonemusic.state", `s.scene === "turntable" && s.cutProgress === 1`, "the fast cut")
	report.add(t, ctx, "fast cut", mark)

	// Three plays with the steel needle: the fidelity falls play by play.
	press(t, ctx, "pickup:steel")
	var fidelity []float64
	for play := 1; play <= 3; play++ {
		mark = pageNow(t, ctx)
		press(t, ctx, "play")
		waitUntil(t, ctx, 20*time.Second, "window.bonemusic.state", `s.arm === "playing"`, "the needle to drop")
		if play == 1 {
			checkRunning(t, ctx, pageStateExpr)
		}
		waitUntil(t, ctx, 90*time.Second, "window.bonemusic.state", fmt.Sprintf(`s.plays === %d && s.arm === "rest"`, play), fmt.Sprintf("play %d to end", play))
		report.add(t, ctx, fmt.Sprintf("play %d: needle drop, play, lift, redraw", play), mark)
		st = readState(t, ctx, pageStateExpr)
		fidelity = append(fidelity, st.FidelityDB)
		t.Logf("play %d with the steel needle: fidelity %.2f dB, %d skips", play, st.FidelityDB, st.Skips)
		if play > 1 && st.FidelityDB >= fidelity[play-2] {
			t.Errorf("play %d: fidelity %.2f dB, not below play %d's %.2f dB", play, st.FidelityDB, play-1, fidelity[play-2])
		}
	}
	screenshot(t, ctx, "flow-played")

	press(t, ctx, "export:wav")
	checkPlayFollowsVoice(t, waitDownload(t, downloads, ".wav", 60*time.Second), voice)

	mark = pageNow(t, ctx)
	start := time.Now()
	press(t, ctx, "age")
	waitUntil(t, ctx, 120*time.Second, "window.bonemusic.state", `s.plays === 13 && s.ageProgress === 0`, "ten plays of ageing")
	t.Logf("aged ten plays of a %.1f s side in %.1f s", st.RecordedSec, time.Since(start).Seconds())
	report.add(t, ctx, "age it: ten plays", mark)

	mark = pageNow(t, ctx)
	press(t, ctx, "export:png")
	checkDiscPNG(t, waitDownload(t, downloads, ".png", 90*time.Second))
	report.add(t, ctx, "export the picture (2400 px PNG)", mark)
	mark = pageNow(t, ctx)
	press(t, ctx, "export:bone")
	letter := waitDownload(t, downloads, ".bone", 60*time.Second)
	report.add(t, ctx, "export the audio letter", mark)
	d, err := bonefile.ReadFile(letter)
	if err != nil {
		t.Fatalf("exported letter: %v", err)
	}
	if d.Plays() != 13 || d.Params.Film != "skull" {
		t.Errorf("exported letter: %d plays on %s film, want 13 on skull", d.Plays(), d.Params.Film)
	}

	// A three-minute WAV, a whole side, cut fast.
	long := filepath.Join(dir, "side.wav")
	writeTune(t, long, "boogie", 22050, 180)
	newRecord(t, ctx, "hands")
	upload(t, ctx, long)
	waitUntil(t, ctx, 60*time.Second, "window.bonemusic.state", `s.source === "file" && s.recordedSec > 179.9 && s.busy === ""`, "the three-minute WAV to be read")
	mark = pageNow(t, ctx)
	start = time.Now()
	press(t, ctx, "cut:fast")
	waitUntil(t, ctx, 120*time.Second, "window.bonemusic.state", `s.scene === "turntable" && s.film === "hands"`, "the three-minute side to be cut")
	t.Logf("cut a three-minute side fast in %.1f s", time.Since(start).Seconds())
	report.add(t, ctx, "fast cut of a 3-minute WAV", mark)
	// Ten plays of a whole side: the goal is 15 s; three times that fails
	// (a slow CI host is not the visitor's machine).
	mark = pageNow(t, ctx)
	start = time.Now()
	press(t, ctx, "age")
	waitUntil(t, ctx, 120*time.Second, "window.bonemusic.state", `s.plays === 10 && s.ageProgress === 0 && s.film === "hands"`, "ten plays of the three-minute side")
	aged := time.Since(start).Seconds()
	t.Logf("aged a three-minute side by ten plays in %.1f s (goal ≤ 15 s)", aged)
	if aged > 45 {
		t.Errorf("ageing a three-minute side took %.1f s, want ≤ 15 s", aged)
	}
	report.add(t, ctx, "age a 3-minute side: ten plays", mark)

	// A short WAV, cut live while it is monitored.
	short := filepath.Join(dir, "march.wav")
	writeTune(t, short, "march", 48000, 6)
	newRecord(t, ctx, "spine")
	upload(t, ctx, short)
	waitUntil(t, ctx, 30*time.Second, "window.bonemusic.state", `s.source === "file" && s.recordedSec > 5.9 && s.recordedSec < 6.1`, "the six-second WAV to be read")
	mark = pageNow(t, ctx)
	press(t, ctx, "cut:live")
	waitUntil(t, ctx, 10*time.Second, "window.bonemusic.state", `s.scene === "cut" && s.audioPlaying`, "the live cut to start")
	tps := ticksPerSecond(t, ctx, 3*time.Second)
	t.Logf("live cut: %.1f ticks/s", tps)
	if tps < 55 {
		t.Errorf("live cut runs at %.1f ticks/s, want ≥ 55", tps)
	}
	waitUntil(t, ctx, 30*time.Second, "window.bonemusic.state", `s.scene === "turntable" && s.film === "spine" && s.plays === 0`, "the live cut to finish")
	report.add(t, ctx, "live cut of a 6 s WAV", mark)

	// The record on the simulated lathe: the plan streams line by line, the
	// machine's state and the cutter drive show, the cut finishes; a second
	// cut is stopped with STOP at once.
	press(t, ctx, "lathe")
	waitUntil(t, ctx, 10*time.Second, "window.bonemusic.state", `s.scene === "lathe" && s.latheMachine === "sim"`, "the lathe scene")
	mark = pageNow(t, ctx)
	press(t, ctx, "lathe:start")
	waitUntil(t, ctx, 20*time.Second, "window.bonemusic.state", `s.lathePhase === "cutting" && s.latheState === "Run" && s.audioPlaying`, "the simulated lathe cutting, the drive playing")
	waitUntil(t, ctx, 20*time.Second, "window.bonemusic.state", `s.latheLevel > 0.01`, "the cutter drive's level during the march")
	screenshot(t, ctx, "flow-lathe")
	waitUntil(t, ctx, 40*time.Second, "window.bonemusic.state", `s.lathePhase === "finished" && s.latheDone === s.latheTotal && s.latheState === "Idle" && !s.audioPlaying`, "the cut on the simulated lathe to finish")
	report.add(t, ctx, "a 6 s record cut on the simulated lathe", mark)
	press(t, ctx, "lathe:start")
	waitUntil(t, ctx, 20*time.Second, "window.bonemusic.state", `s.lathePhase === "cutting"`, "a second cut")
	press(t, ctx, "lathe:stop")
	waitUntil(t, ctx, 2*time.Second, "window.bonemusic.state", `s.lathePhase === "stopped" && s.notice.includes("stopped by hand")`, "STOP to stop the lathe")
	press(t, ctx, "back")
	waitUntil(t, ctx, 10*time.Second, "window.bonemusic.state", `s.scene === "turntable" && s.film === "spine"`, "back at the turntable")

	// A text file is not a sound: a clear message, and nothing else changes.
	newRecord(t, ctx, "knee")
	txt := filepath.Join(dir, "notes.txt")
	if err := os.WriteFile(txt, []byte("Roentgenizdat: music on the bones.\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	upload(t, ctx, txt)
	waitUntil(t, ctx, 20*time.Second, "window.bonemusic.state", `s.notice.includes("“notes.txt” is not a sound") && s.notice.includes("WAV, MP3 or Ogg")`, "a clear message about the text file")
	if st := readState(t, ctx, pageStateExpr); st.Scene != "sound" || st.RecordedSec != 0 || st.Film != "knee" {
		t.Errorf("after the text file: scene %s, %.1f s recorded, film %s; want the sound scene unchanged", st.Scene, st.RecordedSec, st.Film)
	}
	// An empty file and a damaged letter: each named with what to do, and
	// still nothing changes (the whole matrix runs natively in game/).
	empty, damaged := filepath.Join(dir, "empty.wav"), filepath.Join(dir, "damaged.bone")
	b, err := os.ReadFile(letter)
	if err != nil {
		t.Fatal(err)
	}
	b[len(b)-5] ^= 0x10
	if os.WriteFile(empty, nil, 0o644) != nil || os.WriteFile(damaged, b, 0o644) != nil {
		t.Fatal("could not write the bad files")
	}
	upload(t, ctx, empty)
	waitUntil(t, ctx, 20*time.Second, "window.bonemusic.state", `s.notice.includes("“empty.wav” is empty")`, "a clear message about the empty file")
	upload(t, ctx, damaged)
	waitUntil(t, ctx, 20*time.Second, "window.bonemusic.state", `s.notice.includes("“damaged.bone” is a damaged audio letter")`, "a clear message about the damaged letter")
	if st := readState(t, ctx, pageStateExpr); st.Scene != "sound" || st.RecordedSec != 0 || st.Film != "knee" || st.Busy != "" {
		t.Errorf("after the bad files: scene %s, %.1f s recorded, film %s, busy %q; want the sound scene unchanged", st.Scene, st.RecordedSec, st.Film, st.Busy)
	}

	// An MP3, cut fast.
	upload(t, ctx, filepath.Join("..", "internal", "audioio", "testdata", "tone_st.mp3"))
	waitUntil(t, ctx, 30*time.Second, "window.bonemusic.state", `s.source === "file" && s.recordedSec > 0.15`, "the MP3 to be read")
	press(t, ctx, "cut:fast")
	waitUntil(t, ctx, 30*time.Second, "window.bonemusic.state", `s.scene === "turntable" && s.film === "knee"`, "the MP3 to be cut")

	// The audio letter opens again, with its history.
	press(t, ctx, "open:bone")
	upload(t, ctx, letter)
	waitUntil(t, ctx, 30*time.Second, "window.bonemusic.state", `s.scene === "turntable" && s.film === "skull" && s.plays === 13`, "the letter to open with its 13 plays")
	screenshot(t, ctx, "flow-letter")
}

// newRecord goes from the turntable to a new record's sound scene on film.
func newRecord(t *testing.T, ctx context.Context, film string) {
	t.Helper()
	press(t, ctx, "own")
	press(t, ctx, "film:"+film)
	waitUntil(t, ctx, 30*time.Second, "window.bonemusic.state", fmt.Sprintf(`s.scene === "sound" && s.film === %q`, film), "the sound scene")
}

// upload gives the app's file input a file, as the file dialog would.
func upload(t *testing.T, ctx context.Context, path string) {
	t.Helper()
	abs, err := filepath.Abs(path)
	if err != nil {
		t.Fatal(err)
	}
	within(t, ctx, 10*time.Second, chromedp.SetUploadFiles("#bonemusic-file", []string{abs}))
}

// ticksPerSecond measures the game's update rate over d.
func ticksPerSecond(t *testing.T, ctx context.Context, d time.Duration) float64 {
	t.Helper()
	a := readState(t, ctx, pageStateExpr)
	within(t, ctx, d+5*time.Second, chromedp.Sleep(d))
	b := readState(t, ctx, pageStateExpr)
	return float64(b.Ticks-a.Ticks) / ((b.At - a.At) / 1000)
}

// stallReport collects the longest main-thread stall of each step.
type stallReport struct {
	lines   []string
	quietMS float64 // the longest task with nothing but the game running
}

// The flow's goal is no main-thread task over 50 ms (stallGoalMS), and the
// log reports every step against it. The test fails only past
// stallLimitMS: the CI browser renders WebGL in software, whose own frames
// take 35–45 ms here, so a frame that also uploads a band of a picture or
// runs one 8 ms slice of work lands at 50–95 ms. A GPU frame takes a few
// milliseconds; a real freeze (a whole picture uploaded at once, work that
// forgot to breathe) measured 200–2000 ms before this was built right.
// BONEMUSIC_STALLS_STRICT=1 enforces the goal itself.
const (
	stallGoalMS  = 50
	stallLimitMS = 150
)

// baseline records the quiet page's longest task.
func (r *stallReport) baseline(t *testing.T, ctx context.Context, what string, mark float64) {
	t.Helper()
	longest, n := stalls(t, ctx, mark)
	r.quietMS = longest
	r.lines = append(r.lines, fmt.Sprintf("%-45s longest task  %4.0f ms (%d over 50 ms)", what, longest, n))
}

// add notes the stalls since mark and fails the step if one was over the
// limit.
func (r *stallReport) add(t *testing.T, ctx context.Context, step string, mark float64) {
	t.Helper()
	longest, n := stalls(t, ctx, mark)
	r.lines = append(r.lines, fmt.Sprintf("%-45s longest stall %4.0f ms (%d over %d ms)", step, longest, n, stallGoalMS))
	limit := float64(stallLimitMS)
	if os.Getenv("BONEMUSIC_STALLS_STRICT") == "1" {
		limit = stallGoalMS
	}
	if longest > limit {
		t.Errorf("%s: the page stalled for %.0f ms, limit %.0f ms (the quiet page's longest task: %.0f ms)", step, longest, limit, r.quietMS)
	}
}

func (r *stallReport) log(t *testing.T) {
	t.Logf("main-thread stalls per step:\n  %s", strings.Join(r.lines, "\n  "))
}

// writeVoice writes seconds of the synthesised "audio letter" (a speaking
// voice) as the fake microphone's 16-bit WAV, and returns it at the
// engine's rate for comparison.
func writeVoice(t *testing.T, path string, seconds float64) []float32 {
	t.Helper()
	v, err := synth.Tune("letter", micRate, seconds, 42)
	if err != nil {
		t.Fatal(err)
	}
	writeWAV(t, path, v, micRate)
	at44, err := synth.Tune("letter", engine.EngineRate, seconds, 42)
	if err != nil {
		t.Fatal(err)
	}
	return at44
}

func writeTune(t *testing.T, path, tune string, rate int, seconds float64) {
	t.Helper()
	v, err := synth.Tune(tune, rate, seconds, 7)
	if err != nil {
		t.Fatal(err)
	}
	writeWAV(t, path, v, rate)
}

func writeWAV(t *testing.T, path string, mono []float32, rate int) {
	t.Helper()
	data, err := audioio.EncodeWAV(mono, rate, nil)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, data, 0o644); err != nil {
		t.Fatal(err)
	}
}

// checkPlayFollowsVoice decodes the exported play and checks its loudness
// follows the voice the microphone heard: the envelopes (20 ms rms)
// correlate at the best lag. The voice loops in the fake microphone, so
// the reference is the voice three times over.
func checkPlayFollowsVoice(t *testing.T, path string, voice []float32) {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	ch, rate, err := audioio.Decode(data)
	if err != nil {
		t.Fatalf("exported WAV: %v", err)
	}
	if rate != engine.EngineRate || len(ch[0]) < 5*rate {
		t.Fatalf("exported WAV: %d Hz, %.1f s; want 44100 Hz and the whole play", rate, float64(len(ch[0]))/float64(rate))
	}
	looped := append(append(append([]float32{}, voice...), voice...), voice...)
	r := bestEnvelopeCorrelation(envelope(ch[0]), envelope(looped))
	t.Logf("exported play (%.1f s) follows the microphone's voice: envelope correlation %.2f", float64(len(ch[0]))/float64(rate), r)
	if r < 0.5 {
		t.Errorf("the exported play's envelope correlates %.2f with the voice, want ≥ 0.5", r)
	}
}

// envelope is the rms of each 20 ms frame.
func envelope(x []float32) []float64 {
	const frame = engine.EngineRate / 50
	var env []float64
	for i := 0; i+frame <= len(x); i += frame {
		var s float64
		for _, v := range x[i : i+frame] {
			s += float64(v) * float64(v)
		}
		env = append(env, math.Sqrt(s/frame))
	}
	return env
}

// bestEnvelopeCorrelation finds the voice in the play: it slides every 4 s
// window of a (the play) along b (the looped voice) and returns the best
// Pearson correlation. A window, not a trim to "where the play is loud":
// a worn record's lead-in and run-out hiss and crackle, so the programme's
// edges cannot be found by level.
func bestEnvelopeCorrelation(a, b []float64) float64 {
	const window = 4 * 50 // frames of 20 ms
	if len(a) < window || len(b) < window {
		return pearsonBest(a, b)
	}
	best := -1.0
	for i := 0; i+window <= len(a); i += 5 {
		best = math.Max(best, pearsonBest(a[i:i+window], b))
	}
	return best
}

// pearsonBest slides a along b and returns the best Pearson correlation.
func pearsonBest(a, b []float64) float64 {
	best := -1.0
	for lag := 0; lag+len(a) <= len(b); lag++ {
		best = math.Max(best, pearson(a, b[lag:lag+len(a)]))
	}
	return best
}

func pearson(a, b []float64) float64 {
	var ma, mb float64
	for i := range a {
		ma += a[i]
		mb += b[i]
	}
	ma /= float64(len(a))
	mb /= float64(len(b))
	var sab, saa, sbb float64
	for i := range a {
		sab += (a[i] - ma) * (b[i] - mb)
		saa += (a[i] - ma) * (a[i] - ma)
		sbb += (b[i] - mb) * (b[i] - mb)
	}
	if saa == 0 || sbb == 0 {
		return 0
	}
	return sab / math.Sqrt(saa*sbb)
}

// checkDiscPNG decodes the exported picture: print size, not blank.
func checkDiscPNG(t *testing.T, path string) {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	img, err := png.Decode(bytes.NewReader(data))
	if err != nil {
		t.Fatalf("exported picture: %v", err)
	}
	if b := img.Bounds(); b.Dx() < 2000 || b.Dy() < 2000 {
		t.Errorf("exported picture is %v, want print size (2400 px)", b.Size())
	}
	if mean, sd, levels := greyStats(img, centre(img.Bounds())); levels < 24 || sd < 3 {
		t.Errorf("exported picture looks blank (mean %.0f, sd %.1f, %d levels)", mean, sd, levels)
	}
}
