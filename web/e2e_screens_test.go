//go:build !js

package web

import (
	"context"
	"fmt"
	"net/http/httptest"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// TestE2EScreens walks the flow on a phone (360×640), a laptop (1280×720)
// and, in Russian, a classroom projector (1920×1080), and checks every
// step's picture is there and every control is on the screen; with
// BONEMUSIC_SCREENSHOTS set it keeps the pictures (the README and the docs
// use them).
func TestE2EScreens(t *testing.T) {
	for _, size := range []struct {
		w, h int64
		lang string
	}{{360, 640, "en"}, {1280, 720, "en"}, {1920, 1080, "ru"}} {
		t.Run(fmt.Sprintf("%dx%d-%s", size.w, size.h, size.lang), func(t *testing.T) {
			// The three screens wait mostly for pictures to be drawn and
			// check no pace: side by side they take half the time.
			t.Parallel()
			ctx := browser(t, browserOptions{w: size.w, h: size.h})
			srv := httptest.NewServer(Handler("."))
			defer srv.Close()
			loadApp(t, ctx, srv.URL+"/index.html?lang="+size.lang)
			name := func(step string) string { return fmt.Sprintf("%dx%d-%s-%s", size.w, size.h, size.lang, step) }
			// shot waits (up to 10 s) for the pictures drawn beside the
			// game — films, charts — which a big screen takes longer to draw.
			shot := func(step string) {
				t.Helper()
				checkControlsOnScreen(t, readState(t, ctx, pageStateExpr), size.w, size.h)
				why := blank(t, screenshot(t, ctx, name(step)))
				for try := 0; why != "" && try < 5; try++ {
					within(t, ctx, 10*time.Second, chromedp.Sleep(2*time.Second))
					why = blank(t, screenshot(t, ctx, name(step)))
				}
				if why != "" {
					t.Errorf("%s: %s", step, why)
				}
			}
			// the shelf with one record and the help's text leave the
			// picture's centre plain: only their controls are checked
			plainShot := func(step string) {
				t.Helper()
				checkControlsOnScreen(t, readState(t, ctx, pageStateExpr), size.w, size.h)
				screenshot(t, ctx, name(step))
			}
			tap(t, ctx, float64(size.w)/2, float64(size.h)/3)
			waitUntil(t, ctx, 60*time.Second, "window.bonemusic.state", `s.arm === "playing"`, "the demo to play")
			shot("1-lightbox")
			if size.w >= 1920 {
				// A projector-sized canvas is slow in software GL (4 frames
				// a second here): skip the making of the record, open one.
				letter, _ := writeLetter(t, filepath.Join(t.TempDir(), "waltz.bone"), 20)
				press(t, ctx, "open:bone")
				upload(t, ctx, letter)
			} else {
				makeRecord(t, ctx, shot)
			}
			waitUntil(t, ctx, 60*time.Second, "window.bonemusic.state", `s.scene === "turntable"`, "the record")
			press(t, ctx, "pickup:steel")
			press(t, ctx, "play")
			waitUntil(t, ctx, 30*time.Second, "window.bonemusic.state", `s.arm === "playing"`, "the needle down")
			within(t, ctx, 10*time.Second, chromedp.Sleep(2*time.Second))
			shot("6-playing")
			press(t, ctx, "lift")
			waitUntil(t, ctx, 30*time.Second, "window.bonemusic.state", `s.plays === 1 && s.arm === "rest"`, "the first play")
			plays := 1
			if size.w == 1280 { // the docs' picture of a worn record: age it
				press(t, ctx, "age")
				waitUntil(t, ctx, 120*time.Second, "window.bonemusic.state", `s.plays === 11 && s.ageProgress === 0`, "ageing")
				plays = 11
			}
			within(t, ctx, 10*time.Second, chromedp.Sleep(3*time.Second)) // the charts are drawn
			shot(fmt.Sprintf("7-after-%d-plays", plays))
			press(t, ctx, "chart:next")
			within(t, ctx, 10*time.Second, chromedp.Sleep(time.Second))
			shot("8-chart")
			press(t, ctx, "save")
			waitUntil(t, ctx, 30*time.Second, "window.bonemusic.state", `s.collection === 1`, "the record on the shelf")
			press(t, ctx, "shelf")
			waitUntil(t, ctx, 30*time.Second, "window.bonemusic.state", `s.scene === "shelf"`, "the shelf")
			within(t, ctx, 10*time.Second, chromedp.Sleep(time.Second))
			plainShot("9-shelf")
			press(t, ctx, "back")
			press(t, ctx, "learn")
			waitUntil(t, ctx, 10*time.Second, "window.bonemusic.state", `s.scene === "learn"`, "the lesson")
			within(t, ctx, 10*time.Second, chromedp.Sleep(2*time.Second))
			shot("10-learn")
			press(t, ctx, "microscope")
			within(t, ctx, 10*time.Second, chromedp.Sleep(time.Second))
			shot("11-microscope")
			press(t, ctx, "back")
			press(t, ctx, "lathe")
			waitUntil(t, ctx, 10*time.Second, "window.bonemusic.state", `s.scene === "lathe"`, "the lathe")
			press(t, ctx, "lathe:start")
			waitUntil(t, ctx, 20*time.Second, "window.bonemusic.state", `s.lathePhase === "cutting"`, "the simulated lathe cutting")
			within(t, ctx, 10*time.Second, chromedp.Sleep(2*time.Second))
			shot("12-lathe")
			press(t, ctx, "lathe:stop")
			press(t, ctx, "help")
			waitUntil(t, ctx, 10*time.Second, "window.bonemusic.state", `s.help`, "the help")
			plainShot("13-help")
			if os.Getenv("BONEMUSIC_SCREENSHOTS") == "" {
				t.Log("set BONEMUSIC_SCREENSHOTS=DIR to keep the pictures")
			}
		})
	}
}

// checkControlsOnScreen fails when a control is (partly) off the page or
// two controls overlap: on a phone a clipped button cannot be pressed.
func checkControlsOnScreen(t *testing.T, st pageState, w, h int64) {
	t.Helper()
	for i, b := range st.Buttons {
		if b.X < 0 || b.Y < 0 || b.X+b.W > float64(w)+0.5 || b.Y+b.H > float64(h)+0.5 || b.W < 24 || b.H < 24 {
			t.Errorf("%s: control %s at %.0f,%.0f %.0f×%.0f is off the %d×%d page or too small to press", st.Scene, b.ID, b.X, b.Y, b.W, b.H, w, h)
		}
		for _, o := range st.Buttons[i+1:] {
			if b.X < o.X+o.W && o.X < b.X+b.W && b.Y < o.Y+o.H && o.Y < b.Y+b.H {
				t.Errorf("%s: controls %s and %s overlap", st.Scene, b.ID, o.ID)
			}
		}
	}
}

// makeRecord goes from the lightbox through the films, a tune and a live
// cut to a fast cut, with a picture of each step.
func makeRecord(t *testing.T, ctx context.Context, shot func(string)) {
	t.Helper()
	press(t, ctx, "own")
	waitUntil(t, ctx, 30*time.Second, "window.bonemusic.state", `s.scene === "film"`, "the films")
	within(t, ctx, 10*time.Second, chromedp.Sleep(3*time.Second)) // the films are drawn
	shot("2-film")
	press(t, ctx, "film:chest")
	within(t, ctx, 10*time.Second, chromedp.Sleep(900*time.Millisecond))
	shot("3-scissors")
	waitUntil(t, ctx, 30*time.Second, "window.bonemusic.state", `s.scene === "sound"`, "the sound scene")
	press(t, ctx, "demo:boogie")
	waitUntil(t, ctx, 30*time.Second, "window.bonemusic.state", `s.recordedSec > 0 && s.busy === ""`, "the tune")
	within(t, ctx, 10*time.Second, chromedp.Sleep(time.Second))
	shot("4-sound")
	press(t, ctx, "cut:live")
	within(t, ctx, 10*time.Second, chromedp.Sleep(3*time.Second))
	shot("5-cut")
	press(t, ctx, "back")
	press(t, ctx, "cut:fast")
}
