//go:build !js

package web

import (
	"context"
	"fmt"
	"net/http/httptest"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/heapprofiler"
	"github.com/chromedp/cdproto/performance"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"

	"bonemusic/internal/soak"
)

// The browser soak: one page, one record, many plays to the end, with the
// JavaScript heap measured after a forced collection as it goes. A page on
// a museum's site stays open all day; what each play leaves behind in
// JavaScript (listeners, promises, buffers handed over from Go) shows here.
// `make soak` runs it; `make test` does not. BONEMUSIC_SOAK_PLAYS sets the
// number of plays (50).

const (
	soakEvery = 10
	// soakJSHeapSlackBytes is the JavaScript heap growth allowed from the
	// first figure to the last: V8's own caches (compiled code, inline
	// caches, the DevTools session's objects) settle in the first plays
	// and move by a few hundred KB; a leak of 40 KB a play passes it.
	soakJSHeapSlackBytes = 2 << 20
	// soakListenerSlack: event listeners should not grow at all; a couple
	// may come and go with an audio node or a timer caught mid-flight.
	soakListenerSlack = 2
)

// jsFigures is one row of the browser soak's table.
type jsFigures struct {
	plays      int
	heapUsed   float64 // JavaScript heap in use after a forced collection, bytes
	backing    float64 // array buffers' backing stores, bytes
	wasmMemory float64 // the Go program's linear memory: it grows with Go's heap and never shrinks, bytes
	goRefs     float64 // JavaScript values the Go program holds
	listeners  float64 // event listeners on the page
	nodes      float64 // DOM nodes
	elapsedSec float64
}

func TestSoakBrowserPlays(t *testing.T) {
	soak.Require(t)
	plays := soak.Count(t, "BONEMUSIC_SOAK_PLAYS", 50)
	dir := t.TempDir()
	take := filepath.Join(dir, "march.wav")
	writeTune(t, take, "march", 44100, 1) // a one-second side: the play is mostly arm and run-out
	ctx := browser(t, browserOptions{w: pageW, h: pageH})
	srv := httptest.NewServer(Handler("."))
	defer srv.Close()
	if _, err := chromedp.Call(ctx, performance.Enable, performance.EnableParams{}); err != nil {
		t.Fatalf("enable the performance metrics: %v", err)
	}

	loadApp(t, ctx, srv.URL+"/index.html")
	tap(t, ctx, pageW/2, pageH/2) // the first gesture unlocks the audio; the demo starts
	waitUntil(t, ctx, 60*time.Second, "window.bonemusic.state", `s.arm !== "rest" && s.audioReady`, "the demo to start after the first tap")
	press(t, ctx, "own")
	press(t, ctx, "film:skull")
	waitUntil(t, ctx, 30*time.Second, "window.bonemusic.state", `s.scene === "sound" && s.film === "skull"`, "the sound scene")
	upload(t, ctx, take)
	waitUntil(t, ctx, 30*time.Second, "window.bonemusic.state", `s.source === "file" && s.recordedSec > 0.9`, "the one-second WAV to be read")
	press(t, ctx, "cut:fast")
	waitUntil(t, ctx, 60*time.Second, "window.bonemusic.state", `s.scene === "turntable" && s.cutProgress === 1`, "the fast cut")
	// The magnetic cartridge: the lightest on the groove. With the crystal
	// pickup a one-second side is worn through by play 45 or so (as bone
	// records were after 30 to 40) and the needle rides a locked groove
	// until the turntable's limit lifts it, a minute a play: a soak counts
	// memory, not wear.
	press(t, ctx, "pickup:magnetic")
	waitUntil(t, ctx, 10*time.Second, "window.bonemusic.state", `s.pickup === "magnetic"`, "the magnetic cartridge")
	// Kept on the shelf, the record is saved to IndexedDB again after
	// every play: the storage glue is part of what is soaked.
	press(t, ctx, "save")
	waitUntil(t, ctx, 30*time.Second, "window.bonemusic.state", `s.collection === 1`, "the record on the shelf")

	start := time.Now()
	rows := []jsFigures{measureJS(t, ctx, 0, start)}
	// The table is printed even when a play fails to end: the figures up
	// to then are what the lead needs to see.
	defer func() { fmt.Print(jsTable(rows)) }() // unprefixed: the table pastes into a note as it is
	for play := 1; play <= plays; play++ {
		press(t, ctx, "play")
		// A play ends by itself within the side plus a minute (the
		// turntable's limit for a needle caught in a groove), arm included.
		waitUntil(t, ctx, 2*time.Minute, "window.bonemusic.state",
			fmt.Sprintf(`s.plays === %d && s.arm === "rest" && s.notice === ""`, play), fmt.Sprintf("play %d to end", play))
		t.Logf("play %2d ended at %.0f s", play, time.Since(start).Seconds())
		if play%soakEvery == 0 || play == plays {
			f := measureJS(t, ctx, play, start)
			rows = append(rows, f)
			t.Logf("play %2d: JS heap %.2f MB, backing stores %.2f MB, wasm memory %.1f MB, %.0f Go refs, %.0f listeners, %.0f nodes",
				play, f.heapUsed/(1<<20), f.backing/(1<<20), f.wasmMemory/(1<<20), f.goRefs, f.listeners, f.nodes)
		}
	}
	first, last := rows[0], rows[len(rows)-1]
	if last.heapUsed > first.heapUsed+soakJSHeapSlackBytes {
		t.Errorf("the JavaScript heap grew from %.2f to %.2f MB over %d plays (allowed %.0f MB)",
			first.heapUsed/(1<<20), last.heapUsed/(1<<20), plays, float64(soakJSHeapSlackBytes)/(1<<20))
	}
	if last.listeners > first.listeners+soakListenerSlack {
		t.Errorf("event listeners grew from %.0f to %.0f over %d plays", first.listeners, last.listeners, plays)
	}
	if st := readState(t, ctx, pageStateExpr); st.Collection != 1 || st.Plays != plays {
		t.Errorf("after the soak: %d records on the shelf, %d plays; want 1 and %d", st.Collection, st.Plays, plays)
	}
}

// measureJS forces a collection in the page and reads its heap and metrics.
func measureJS(t *testing.T, ctx context.Context, plays int, start time.Time) jsFigures {
	t.Helper()
	c, cancel := context.WithTimeout(ctx, 30*time.Second)
	defer cancel()
	for range 2 { // the second frees what the first one's finalisers released
		if _, err := chromedp.Call(c, heapprofiler.CollectGarbage, struct{}{}); err != nil {
			t.Fatalf("collect garbage: %v", err)
		}
	}
	heap, err := chromedp.Call(c, runtime.GetHeapUsage, struct{}{})
	if err != nil {
		t.Fatalf("heap usage: %v", err)
	}
	m, err := chromedp.Call(c, performance.GetMetrics, struct{}{})
	if err != nil {
		t.Fatalf("metrics: %v", err)
	}
	f := jsFigures{plays: plays, heapUsed: heap.UsedSize, backing: heap.BackingStorageSize,
		wasmMemory: wasmMemoryBytes(t, c), goRefs: goRefs(t, c), elapsedSec: time.Since(start).Seconds()}
	for _, x := range m.Metrics {
		switch x.Name {
		case "JSEventListeners":
			f.listeners = x.Value
		case "Nodes":
			f.nodes = x.Value
		}
	}
	return f
}

// wasmMemoryBytes is the size of every WebAssembly memory in the page.
func wasmMemoryBytes(t *testing.T, ctx context.Context) float64 {
	return overInstances(t, ctx, "WebAssembly.Memory.prototype", "this.reduce((n, m) => n + m.buffer.byteLength, 0)")
}

// goRefs is how many JavaScript values the Go program holds references to
// (wasm_exec.js keeps them in _values, reusing the ids in _idPool): a
// js.Value kept on the Go side for every play would show here.
func goRefs(t *testing.T, ctx context.Context) float64 {
	return overInstances(t, ctx, "Go.prototype", "this.reduce((n, g) => n + g._values.length - g._idPool.length, 0)")
}

// overInstances evaluates expr with this = every object in the page whose
// prototype is proto, found from the outside (the loader keeps its Go
// instance to itself) through the DevTools protocol's queryObjects.
func overInstances(t *testing.T, ctx context.Context, proto, expr string) float64 {
	t.Helper()
	const group = "soak"
	defer chromedp.Call(ctx, runtime.ReleaseObjectGroup, runtime.ReleaseObjectGroupParams{ObjectGroup: group})
	p, err := chromedp.Call(ctx, runtime.Evaluate, runtime.EvaluateParams{Expression: proto, ObjectGroup: group})
	if err != nil || p.Result == nil || p.Result.ObjectID == "" {
		t.Fatalf("%s: %v", proto, err)
	}
	objs, err := chromedp.Call(ctx, runtime.QueryObjects, runtime.QueryObjectsParams{PrototypeObjectID: p.Result.ObjectID, ObjectGroup: group})
	if err != nil || objs.Objects == nil {
		t.Fatalf("the objects of %s: %v", proto, err)
	}
	byValue := true
	v, err := chromedp.Call(ctx, runtime.CallFunctionOn, runtime.CallFunctionOnParams{
		FunctionDeclaration: "function() { return " + expr + "; }",
		ObjectID:            objs.Objects.ObjectID, ReturnByValue: &byValue,
	})
	if err != nil || v.Result == nil || v.ExceptionDetails != nil {
		t.Fatalf("%s over %s: %v %v", expr, proto, err, v.ExceptionDetails)
	}
	n, err := strconv.ParseFloat(string(v.Result.Value), 64)
	if err != nil {
		t.Fatalf("%s over %s = %q: %v", expr, proto, v.Result.Value, err)
	}
	return n
}

func jsTable(rows []jsFigures) string {
	var b strings.Builder
	fmt.Fprintf(&b, "\nbrowser soak: plays of a one-second side, kept on the shelf\n")
	fmt.Fprintf(&b, "| plays | JS heap (MB) | backing stores (MB) | wasm memory (MB) | Go's JS refs | listeners | DOM nodes | elapsed (s) |\n|---:|---:|---:|---:|---:|---:|---:|---:|\n")
	for _, r := range rows {
		fmt.Fprintf(&b, "| %d | %.2f | %.2f | %.1f | %.0f | %.0f | %.0f | %.0f |\n", r.plays, r.heapUsed/(1<<20), r.backing/(1<<20), r.wasmMemory/(1<<20), r.goRefs, r.listeners, r.nodes, r.elapsedSec)
	}
	first, last := rows[0], rows[len(rows)-1]
	if n := last.plays - first.plays; n > 0 {
		fmt.Fprintf(&b, "per play: %.1f s; JS heap %+.2f MB, listeners %+.0f over the run\n",
			(last.elapsedSec-first.elapsedSec)/float64(n), (last.heapUsed-first.heapUsed)/(1<<20), last.listeners-first.listeners)
	}
	return b.String()
}
