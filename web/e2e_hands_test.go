//go:build !js

package web

import (
	"context"
	"fmt"
	"math"
	"net/http/httptest"
	"path/filepath"
	"testing"
	"time"

	"github.com/chromedp/cdproto/input"
	"github.com/chromedp/chromedp"

	"bonemusic/engine"
	"bonemusic/engine/bonefile"
	"bonemusic/engine/synth"
)

// TestE2EHands puts a visitor's hands on the record in the real page: an
// audio letter opens and joins the shelf, one play is driven by the
// keyboard alone, the record is scratched by dragging it (the platter's
// published speed goes negative and back, the sound never stops), the
// tonearm is carried to the middle of the side, the shelf survives a
// reload and a tab closed mid-save, and ?lang=ru and ?kiosk=1 do what they
// say.
func TestE2EHands(t *testing.T) {
	dir := t.TempDir()
	letter, d := writeLetter(t, filepath.Join(dir, "waltz.bone"), 14)
	ctx := browser(t, browserOptions{w: pageW, h: pageH})
	srv := httptest.NewServer(Handler("."))
	defer srv.Close()
	loadApp(t, ctx, srv.URL+"/index.html")
	tap(t, ctx, pageW/2, pageH/2) // unlock the sound
	press(t, ctx, "open:bone")
	upload(t, ctx, letter)
	waitUntil(t, ctx, 30*time.Second, "window.bonemusic.state", `s.scene === "turntable" && s.collection === 1`, "the letter on the turntable and on the shelf")

	key(t, ctx, " ")
	waitUntil(t, ctx, 20*time.Second, "window.bonemusic.state", `s.arm === "playing"`, "Space to put the needle down")

	// A hand turning the record back a quarter turn just after the needle
	// landed would run it off the start of the groove (the play then ends):
	// let the needle go a turn in first.
	waitUntil(t, ctx, 10*time.Second, "window.bonemusic.state", fmt.Sprintf(`s.arm === "playing" && s.grooveSample > %d`, d.SamplesPerRev()), "the needle a turn into the groove")
	scratch(t, ctx)
	carryArm(t, ctx, d)

	// The play ends; the shelf keeps its count.
	waitUntil(t, ctx, 60*time.Second, "window.bonemusic.state", `s.arm === "rest" && s.plays >= 2 && s.busy === ""`, "the side to end")
	plays := readState(t, ctx, pageStateExpr).Plays
	time.Sleep(time.Second) // the shelf's save after the play

	// After a reload the shelf still holds the letter, with its plays.
	loadApp(t, ctx, srv.URL+"/index.html")
	waitUntil(t, ctx, 20*time.Second, "window.bonemusic.state", `s.collection === 1`, "the shelf after a reload")
	tap(t, ctx, pageW/2, pageH/2)
	press(t, ctx, "shelf")
	press(t, ctx, "open:0")
	press(t, ctx, "open:0")
	waitUntil(t, ctx, 20*time.Second, "window.bonemusic.state", fmt.Sprintf(`s.scene === "turntable" && s.plays === %d`, plays), fmt.Sprintf("the letter back with its %d plays", plays))

	// One whole play from the keyboard alone: Space, and the side plays to
	// its end and the arm comes home.
	key(t, ctx, " ")
	waitUntil(t, ctx, 20*time.Second, "window.bonemusic.state", `s.arm === "playing"`, "Space to play")
	waitUntil(t, ctx, 60*time.Second, "window.bonemusic.state", fmt.Sprintf(`s.arm === "rest" && s.plays === %d`, plays+1), "the keyboard's play to end")

	closedMidSave(t, ctx, srv.URL, letter)

	// In Russian, from the address.
	loadApp(t, ctx, srv.URL+"/index.html?lang=ru")
	waitUntil(t, ctx, 10*time.Second, "window.bonemusic.state", `s.lang === "ru" && /[а-яё]/i.test(s.say)`, "the app in Russian")

	// A kiosk: no file dialogs, and back to the lightbox and its attract
	// loop once nobody touches it (3 s here instead of 3 minutes).
	loadApp(t, ctx, srv.URL+"/index.html?kiosk=1&idle=3")
	waitUntil(t, ctx, 10*time.Second, "window.bonemusic.state", `s.kiosk`, "kiosk mode")
	tap(t, ctx, pageW/2, pageH/2)
	press(t, ctx, "open:bone")
	waitUntil(t, ctx, 5*time.Second, "window.bonemusic.state", `s.notice.includes("cannot be opened")`, "no file dialog in a kiosk")
	press(t, ctx, "shelf")
	waitUntil(t, ctx, 5*time.Second, "window.bonemusic.state", `s.scene === "shelf"`, "the shelf")
	waitUntil(t, ctx, 15*time.Second, "window.bonemusic.state", `s.scene === "lightbox" && s.arm !== "rest"`, "the kiosk back at the lightbox, playing")
}

// writeLetter cuts seconds of the waltz onto a disc and saves it.
func writeLetter(t *testing.T, path string, seconds float64) (string, *engine.Disc) {
	t.Helper()
	tune, err := synth.Tune("waltz", engine.EngineRate, seconds, 3)
	if err != nil {
		t.Fatal(err)
	}
	d, err := engine.Cut([][]float32{tune}, engine.EngineRate, engine.DefaultParams(), engine.CutOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if err := bonefile.WriteFile(path, d); err != nil {
		t.Fatal(err)
	}
	return path, d
}

// key types one key.
func key(t *testing.T, ctx context.Context, k string) {
	t.Helper()
	within(t, ctx, 5*time.Second, chromedp.KeyEvent(k))
}

// mouse presses, moves (with the button held) or releases the left button
// at x, y.
func mouse(t *testing.T, ctx context.Context, typ input.DispatchMouseEventType, x, y float64) {
	t.Helper()
	held := func(p *input.DispatchMouseEventParams) {
		if typ != input.DispatchMouseEventTypeMouseReleased {
			p.Buttons = 1 // the left button is down: a drag, not a hover
		}
	}
	within(t, ctx, 5*time.Second, chromedp.MouseEvent(typ, x, y, chromedp.ButtonLeft, chromedp.ClickCount(1), held))
}

// scratchJS is a hand on the record in the page itself: mouse events on
// the canvas every 8 ms, turning the record back a quarter turn in half a
// second (a test driving the browser from outside moves too slowly and
// too unevenly for a hand), sampling the published platter speed and the
// sound card's clock as it goes.
const scratchJS = `new Promise((done) => {
  const c = document.querySelector('canvas');
  const s0 = window.bonemusic.state;
  const r = s0.recordR * 0.6;
  const fire = (type, a) => c.dispatchEvent(new MouseEvent(type, {
    clientX: s0.recordX + r * Math.cos(a), clientY: s0.recordY + r * Math.sin(a),
    button: 0, buttons: type === 'mouseup' ? 0 : 1, bubbles: true }));
  fire('mousedown', Math.PI / 2);
  let minRPM = Infinity, gap = 0, lastMS = s0.audioMS, lastMoved = performance.now();
  const t0 = performance.now();
  const step = () => {
    const f = Math.min(1, (performance.now() - t0) / 500);
    fire('mousemove', Math.PI / 2 * (1 - f));
    const s = window.bonemusic.state;
    minRPM = Math.min(minRPM, s.platterRPM);
    if (s.audioMS > lastMS) { lastMS = s.audioMS; lastMoved = performance.now(); }
    gap = Math.max(gap, performance.now() - lastMoved);
    if (f < 1) { setTimeout(step, 8); return; }
    fire('mouseup', 0);
    done({minRPM, gap});
  };
  setTimeout(step, 50);
})`

// scratch grabs the record and turns it back a quarter turn in half a
// second: the platter's published speed goes negative, and back up after;
// the sound card's clock never stands still for more than 50 ms.
func scratch(t *testing.T, ctx context.Context) {
	t.Helper()
	r := within(t, ctx, 10*time.Second, chromedp.Evaluate[struct {
		MinRPM float64 `json:"minRPM"`
		Gap    float64 `json:"gap"`
	}](scratchJS, chromedp.EvalAwaitPromise))
	t.Logf("scratch: slowest %.1f rpm, longest the sound card's clock stood still %.0f ms", r.MinRPM, r.Gap)
	if r.MinRPM > -5 {
		t.Errorf("turned back by hand, the platter went no slower than %.1f rpm: want it negative", r.MinRPM)
	}
	if r.Gap > 50 {
		t.Errorf("the sound stopped for %.0f ms while scratching", r.Gap)
	}
	waitUntil(t, ctx, 5*time.Second, "window.bonemusic.state", `Math.abs(s.platterRPM - 78.26) < 0.5 && s.arm === "playing"`, "the platter back at speed, the needle still in the groove")
}

// carryArm takes the tonearm by its head and carries it in toward the
// spindle until it is over the middle of the side, then lets go: the
// needle goes down there.
func carryArm(t *testing.T, ctx context.Context, d *engine.Disc) {
	t.Helper()
	mid := (d.ProgrammeStart() + d.ProgrammeEnd()) / 2
	midMM := d.RadiusMM(mid)
	st := readState(t, ctx, pageStateExpr)
	x, y := st.ArmX, st.ArmY
	mouse(t, ctx, input.DispatchMouseEventTypeMousePressed, x, y)
	for i := 0; i < 200; i++ {
		s := readState(t, ctx, pageStateExpr)
		if i > 0 && s.Arm != "held" {
			t.Fatalf("carrying the arm: it is %s", s.Arm)
		}
		if s.ArmRadiusMM <= midMM {
			break
		}
		// a step toward the spindle, a little over a groove's width
		dx, dy := s.RecordX-x, s.RecordY-y
		l := math.Hypot(dx, dy)
		x, y = x+dx/l*0.4, y+dy/l*0.4
		mouse(t, ctx, input.DispatchMouseEventTypeMouseMoved, x, y)
		time.Sleep(10 * time.Millisecond)
	}
	mouse(t, ctx, input.DispatchMouseEventTypeMouseReleased, x, y)
	waitUntil(t, ctx, 5*time.Second, "window.bonemusic.state", `s.arm === "playing"`, "the needle down where the arm was let go")
	s := readState(t, ctx, pageStateExpr)
	turn := d.SamplesPerRev()
	t.Logf("the arm let go at %.2f mm (middle of the side %.2f mm): groove sample %d (middle %d)", s.ArmRadiusMM, midMM, s.GrooveSample, mid)
	if s.GrooveSample < mid-2*turn || s.GrooveSample > mid+4*turn {
		t.Errorf("the needle went down at groove sample %d, want near the middle, %d", s.GrooveSample, mid)
	}
}

// closedMidSave opens a second disc (the letter again), whose save to the
// shelf starts at once, and leaves the page straight away — as closing the
// tab does, the page's scripts stop mid-save; loaded again, the shelf lists
// only discs that open.
func closedMidSave(t *testing.T, ctx context.Context, base, letter string) {
	t.Helper()
	loadApp(t, ctx, base+"/index.html")
	tap(t, ctx, pageW/2, pageH/2)
	press(t, ctx, "open:bone")
	upload(t, ctx, letter)
	waitUntil(t, ctx, 30*time.Second, "window.bonemusic.state", `s.scene === "turntable"`, "the letter opened again")
	within(t, ctx, 10*time.Second, chromedp.Navigate("about:blank")) // the save to the shelf is under way
	loadApp(t, ctx, base+"/index.html")
	waitUntil(t, ctx, 20*time.Second, "window.bonemusic.state", `s.collection >= 1`, "the shelf after leaving mid-save")
	time.Sleep(time.Second) // the shelf has been read
	stored := within(t, ctx, 10*time.Second, chromedp.Evaluate[int](`bonemusicShelf.list().then(ids => ids.length)`, chromedp.EvalAwaitPromise))
	shown := readState(t, ctx, pageStateExpr).Collection
	t.Logf("after leaving the page mid-save: %d discs stored, %d on the shelf", stored, shown)
	if stored != shown || shown < 1 || shown > 2 {
		t.Errorf("%d discs stored, %d open on the shelf: the collection is not consistent", stored, shown)
	}
}
