//go:build !js

package web

import (
	"bytes"
	"context"
	"fmt"
	"image"
	"image/png"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	cdpbrowser "github.com/chromedp/cdproto/browser"
	"github.com/chromedp/cdproto/input"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"

	"bonemusic/game"
)

// The end-to-end tests load the real build (web/bonemusic.wasm, made by
// `make wasm`) in headless Chromium and drive it as a visitor would, by
// the buttons the app publishes (window.bonemusic.state.buttons), reading
// back game.State — the one type the app publishes. `make test` sets
// BONEMUSIC_FULL_TEST=1, which turns every missing piece (no build, no
// Chromium) into a failure instead of a skip.

// pageState is game.State as read from the page, with the page's clock.
type pageState struct {
	At float64 `json:"at"` // performance.now() when the state was read, ms
	game.State
}

func requireFull(t *testing.T, why string) {
	t.Helper()
	if os.Getenv("BONEMUSIC_FULL_TEST") == "1" {
		t.Fatal(why)
	}
	t.Skip(why + " (make test runs this)")
}

func chromium(t *testing.T) string {
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	requireFull(t, "no Chromium found: run `make deps`")
	return ""
}

// longTaskScript records the page's main-thread stalls from outside the
// app: every task over 50 ms, with when it started and how long it took.
const longTaskScript = `window.__longTasks = [];
try {
  new PerformanceObserver(list => {
    for (const e of list.getEntries()) window.__longTasks.push([e.startTime, e.duration]);
  }).observe({type: 'longtask', buffered: true});
} catch (e) {}`

// browserOptions are extra Chromium flags for one test.
type browserOptions struct {
	w, h        int64
	fakeMicWAV  string // feed the fake microphone from this 16-bit WAV
	downloadDir string // where downloads go ("" = refused)
}

func browser(t *testing.T, o browserOptions) context.Context {
	exe := chromium(t)
	if _, err := os.Stat("bonemusic.wasm"); err != nil {
		requireFull(t, "web/bonemusic.wasm is missing: run `make wasm`")
	}
	opts := []chromedp.ExecAllocatorOption{
		chromedp.ExecPath(exe),
		chromedp.Headless, chromedp.NoSandbox, chromedp.DisableGPU, chromedp.NoFirstRun,
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("enable-unsafe-swiftshader", true),
		// After a download headless Chromium may treat the page as a
		// background one and lower its priority: ageing then crawled (61 %
		// of ten short plays in two minutes instead of ten seconds) while
		// the frames went on. A visitor's page in front is never treated so.
		chromedp.Flag("disable-renderer-backgrounding", true),
		chromedp.Flag("disable-background-timer-throttling", true),
		chromedp.Flag("disable-backgrounding-occluded-windows", true),
		chromedp.UserDataDir(t.TempDir()),
	}
	if o.fakeMicWAV != "" {
		opts = append(opts,
			chromedp.Flag("use-fake-device-for-media-stream", true),
			chromedp.Flag("use-fake-ui-for-media-stream", true),
			chromedp.Flag("use-file-for-fake-audio-capture", o.fakeMicWAV))
	}
	actx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancel := chromedp.NewContext(actx)
	t.Cleanup(func() { cancel(); cancelAlloc() })
	if err := chromedp.Do(ctx, chromedp.EmulateViewport(o.w, o.h)); err != nil {
		t.Fatalf("start Chromium: %v", err)
	}
	if _, err := chromedp.Call(ctx, page.AddScriptToEvaluateOnNewDocument, page.AddScriptToEvaluateOnNewDocumentParams{Source: longTaskScript}); err != nil {
		t.Fatalf("install the long-task observer: %v", err)
	}
	if o.downloadDir != "" {
		on := true
		if _, err := chromedp.CallBrowser(ctx, cdpbrowser.SetDownloadBehavior, cdpbrowser.SetDownloadBehaviorParams{
			Behavior: cdpbrowser.SetDownloadBehaviorBehaviorAllow, DownloadPath: o.downloadDir, EventsEnabled: &on,
		}); err != nil {
			t.Fatalf("allow downloads: %v", err)
		}
	}
	return ctx
}

// within runs a with a deadline derived from the browser context (a
// deadline on the browser's own context would kill the browser).
func within[T any](t *testing.T, ctx context.Context, d time.Duration, a chromedp.Action[T]) T {
	t.Helper()
	c, cancel := context.WithTimeout(ctx, d)
	defer cancel()
	v, err := chromedp.Run(c, a)
	if err != nil {
		t.Fatalf("browser: %v", err)
	}
	return v
}

// waitUntil polls the predicate on the published state (stateExpr) until it
// holds; on timeout it fails with what was awaited and the state as it was.
func waitUntil(t *testing.T, ctx context.Context, d time.Duration, stateExpr, pred, what string) {
	t.Helper()
	expr := fmt.Sprintf("(s => !!s && (%s))(%s)", pred, stateExpr)
	c, cancel := context.WithTimeout(ctx, d+5*time.Second)
	defer cancel()
	if _, err := chromedp.Run(c, chromedp.Poll[bool](expr, chromedp.WithPollingTimeout(d))); err != nil {
		last, _ := chromedp.Run(ctx, chromedp.Evaluate[map[string]any](stateExpr+" || null"))
		delete(last, "buttons")
		t.Fatalf("waited %v for %s: %v; state: %v", d, what, err, last)
	}
}

// pageStateExpr reads the top page's state with the page's clock.
const pageStateExpr = "Object.assign({at: performance.now()}, window.bonemusic.state)"

func readState(t *testing.T, ctx context.Context, expr string) pageState {
	t.Helper()
	return within(t, ctx, 5*time.Second, chromedp.Evaluate[pageState](expr))
}

// loadApp opens a page and waits for the app's first frame; it returns the
// first frame's time after navigation, ms.
func loadApp(t *testing.T, ctx context.Context, url string) float64 {
	t.Helper()
	within(t, ctx, 30*time.Second, chromedp.Navigate(url))
	// The loader sets firstFrameMS, or error when the wasm cannot be loaded.
	// Right after a navigation the page's JavaScript context may still be
	// replaced under the poll ("Cannot find context"): poll again.
	for attempt := 0; ; attempt++ {
		c, cancel := context.WithTimeout(ctx, 60*time.Second)
		_, err := chromedp.Run(c, chromedp.Poll[bool](
			`!!(window.bonemusic && (window.bonemusic.firstFrameMS || window.bonemusic.error))`,
			chromedp.WithPollingTimeout(60*time.Second)))
		cancel()
		if err == nil {
			break
		}
		if attempt == 2 || !strings.Contains(err.Error(), "Cannot find context") {
			t.Fatalf("browser: %v", err)
		}
	}
	if msg := within(t, ctx, 5*time.Second, chromedp.Evaluate[*string](`window.bonemusic.error || null`)); msg != nil {
		t.Fatalf("page reports: %s", *msg)
	}
	return within(t, ctx, 5*time.Second, chromedp.Evaluate[float64](`window.bonemusic.firstFrameMS`))
}

// tap presses and releases the mouse at x, y (CSS pixels), holding it as a
// person does: a press and release sent back to back can fall inside one
// tick of the game.
func tap(t *testing.T, ctx context.Context, x, y float64) {
	t.Helper()
	within(t, ctx, 10*time.Second, chromedp.Steps(
		chromedp.MouseEvent(input.DispatchMouseEventTypeMousePressed, x, y, chromedp.ButtonLeft, chromedp.ClickCount(1)),
		chromedp.Sleep(100*time.Millisecond),
		chromedp.MouseEvent(input.DispatchMouseEventTypeMouseReleased, x, y, chromedp.ButtonLeft, chromedp.ClickCount(1)),
	))
}

// press taps the control with the given id, waiting up to 20 s for it to be
// on screen; stateExpr reads the state (the page's, or an embed's report)
// and dx, dy place that page in the browser's window.
func press(t *testing.T, ctx context.Context, id string) {
	t.Helper()
	b := findButton(t, ctx, id, 20*time.Second)
	tap(t, ctx, b.X+b.W/2, b.Y+b.H/2)
}

func findButton(t *testing.T, ctx context.Context, id string, d time.Duration) game.Button {
	t.Helper()
	waitUntil(t, ctx, d, "window.bonemusic.state", fmt.Sprintf("(s.buttons || []).some(b => b.id === %q)", id), "the "+id+" button")
	for _, b := range readState(t, ctx, pageStateExpr).Buttons {
		if b.ID == id {
			return b
		}
	}
	t.Fatalf("button %s vanished", id)
	return game.Button{}
}

// stalls is the longest main-thread task (ms) that started at or after
// sinceMS on the page's clock, and how many over 50 ms there were.
func stalls(t *testing.T, ctx context.Context, sinceMS float64) (longest float64, count int) {
	t.Helper()
	tasks := within(t, ctx, 5*time.Second, chromedp.Evaluate[[][2]float64](`window.__longTasks || []`))
	for _, task := range tasks {
		if task[0] >= sinceMS {
			longest = math.Max(longest, task[1])
			count++
		}
	}
	return longest, count
}

func pageNow(t *testing.T, ctx context.Context) float64 {
	t.Helper()
	return within(t, ctx, 5*time.Second, chromedp.Evaluate[float64](`performance.now()`))
}

// screenshot saves the page under BONEMUSIC_SCREENSHOTS (for the docs and
// for failures) and returns the picture.
func screenshot(t *testing.T, ctx context.Context, name string) []byte {
	t.Helper()
	shot := within(t, ctx, 20*time.Second, chromedp.CaptureScreenshot())
	if dir := os.Getenv("BONEMUSIC_SCREENSHOTS"); dir != "" {
		path := filepath.Join(dir, name+".png")
		if err := os.WriteFile(path, shot, 0o644); err != nil {
			t.Fatal(err)
		}
		t.Logf("screenshot: %s", path)
	}
	return shot
}

// checkNotBlank asserts the centre of the screenshot shows a picture: many
// distinct grey levels, not a flat colour or an empty canvas.
func checkNotBlank(t *testing.T, shot []byte) {
	t.Helper()
	if why := blank(t, shot); why != "" {
		t.Error(why)
	}
}

// blank says why the screenshot's centre looks blank ("" when it does not).
func blank(t *testing.T, shot []byte) string {
	t.Helper()
	img, err := png.Decode(bytes.NewReader(shot))
	if err != nil {
		t.Fatalf("screenshot: %v", err)
	}
	if mean, sd, levels := greyStats(img, centre(img.Bounds())); levels < 24 || sd < 6 || mean < 8 {
		return fmt.Sprintf("centre of the screenshot looks blank (mean %.0f, sd %.1f, %d levels)", mean, sd, levels)
	}
	return ""
}

func centre(b image.Rectangle) image.Rectangle {
	return image.Rect(b.Dx()*3/8, b.Dy()*3/8, b.Dx()*5/8, b.Dy()*5/8)
}

// greyStats measures the grey levels of img inside r.
func greyStats(img image.Image, r image.Rectangle) (mean, sd float64, levels int) {
	seen := map[uint32]bool{}
	var sum, sumSq, n float64
	for y := r.Min.Y; y < r.Max.Y; y++ {
		for x := r.Min.X; x < r.Max.X; x++ {
			cr, cg, cb, _ := img.At(x, y).RGBA()
			l := float64(cr+cg+cb) / 3 / 257
			seen[uint32(l)] = true
			sum += l
			sumSq += l * l
			n++
		}
	}
	mean = sum / n
	return mean, math.Sqrt(math.Max(0, sumSq/n-mean*mean)), len(seen)
}

// waitDownload waits for a finished download whose name ends in suffix.
func waitDownload(t *testing.T, dir, suffix string, d time.Duration) string {
	t.Helper()
	deadline := time.Now().Add(d)
	for time.Now().Before(deadline) {
		entries, _ := os.ReadDir(dir)
		for _, e := range entries {
			if strings.HasSuffix(e.Name(), suffix) {
				return filepath.Join(dir, e.Name())
			}
		}
		time.Sleep(200 * time.Millisecond)
	}
	t.Fatalf("no %s download in %s after %v", suffix, dir, d)
	return ""
}
