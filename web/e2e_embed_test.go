//go:build !js

package web

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"path/filepath"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/dom"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"

	"bonemusic/game"
)

// The embed API from an exhibition page on another origin: the example host
// page (web/examples) on one 127.0.0.1 port, the app on another.

// embedSites serves the app and the example host page; hostURL opens the
// host page with extra query parameters for it.
func embedSites(t *testing.T) (app *httptest.Server, hostURL func(query string) string) {
	t.Helper()
	app = httptest.NewServer(Handler("."))
	t.Cleanup(app.Close)
	// A plain file server: the host is a museum's site, not ours, with no
	// Content-Security-Policy of ours forbidding frames.
	host := httptest.NewServer(http.FileServer(http.Dir("examples")))
	t.Cleanup(host.Close)
	return app, func(query string) string {
		return host.URL + "/host.html?app=" + url.QueryEscape(app.URL+"/embed.html") + query
	}
}

// waitEvent waits until the host page received an event matching pred (m).
func waitEvent(t *testing.T, ctx context.Context, d time.Duration, pred, what string) {
	t.Helper()
	expr := fmt.Sprintf("(window.boneEvents || []).some((m) => %s)", pred)
	c, cancel := context.WithTimeout(ctx, d+5*time.Second)
	defer cancel()
	if _, err := chromedp.Run(c, chromedp.Poll[bool](expr, chromedp.WithPollingTimeout(d))); err != nil {
		got, _ := chromedp.Run(ctx, chromedp.Evaluate[[]string](`(window.boneEvents || []).filter((m) => m.type !== 'state').map((m) => JSON.stringify(m))`))
		t.Fatalf("waited %v for %s: %v; the host has: %v", d, what, err, got)
	}
}

// command clicks one of the host page's command buttons.
func command(t *testing.T, ctx context.Context, name string) {
	t.Helper()
	within(t, ctx, 10*time.Second, chromedp.Evaluate[any](fmt.Sprintf(`document.querySelector('[data-command=%q]').click()`, name)))
}

// lastStateExpr is the app's state from its latest state event (?state=1).
const lastStateExpr = `(() => { const m = (window.boneEvents || []).filter((m) => m.type === 'state').pop(); return m ? m.state : null; })()`

// Events arrive at an allowed host, its commands work, a malformed command
// is answered with an error event, and the app keeps its pace in the frame.
func TestE2EEmbed(t *testing.T) {
	ctx := browser(t, browserOptions{w: hostW, h: hostH})
	_, hostURL := embedSites(t)

	within(t, ctx, 30*time.Second, chromedp.Navigate(hostURL("&state=1")))
	waitEvent(t, ctx, 60*time.Second, `m.type === 'ready' && m.scene === 'lightbox'`, "the ready event")
	if n := within(t, ctx, 5*time.Second, chromedp.Evaluate[int](`window.boneEvents.filter((m) => m.type === 'ready').length`)); n != 1 {
		t.Errorf("%d ready events, want 1", n)
	}

	// The visitor's tap in the frame unlocks the sound and plays the demo.
	tap(t, ctx, 400, 40+300)
	waitEvent(t, ctx, 60*time.Second, `m.type === 'play-started'`, "play-started after the visitor's tap")
	checkRunning(t, ctx, lastStateExpr)

	command(t, ctx, "stop")
	waitEvent(t, ctx, 60*time.Second, `m.type === 'play-ended' && m.plays >= 1 && typeof m.fidelityDB === 'number' && m.fidelityDB !== 0`, "play-ended with the play count and fidelity after stop")
	command(t, ctx, "play")
	waitEvent(t, ctx, 30*time.Second, `m.type === 'play-started' && m.plays >= 1`, "a second play-started after the play command")

	// load-demo brings a visitor who left for their own record back to the demo.
	pressInEmbed(t, ctx, "own")
	waitUntil(t, ctx, 20*time.Second, lastStateExpr, `s.scene === 'film'`, "the films after tapping own")
	// A visitor cuts their own record in the frame: cut-finished.
	pressInEmbed(t, ctx, "film:skull")
	waitUntil(t, ctx, 20*time.Second, lastStateExpr, `s.scene === 'sound'`, "the sound scene")
	wav := filepath.Join(t.TempDir(), "song.wav")
	writeTune(t, wav, "waltz", 22050, 4)
	uploadInFrame(t, ctx, wav)
	waitUntil(t, ctx, 30*time.Second, lastStateExpr, `s.source === 'file' && s.recordedSec > 3.9 && s.busy === ''`, "the WAV to be read")
	pressInEmbed(t, ctx, "cut:fast")
	waitEvent(t, ctx, 60*time.Second, `m.type === 'cut-finished' && m.film === 'skull' && m.source === 'file' && m.seconds > 3.9 && m.lathe === false`,
		"cut-finished after the visitor's cut")

	command(t, ctx, "load-demo")
	waitUntil(t, ctx, 20*time.Second, lastStateExpr, `s.scene === 'lightbox'`, "the lightbox after load-demo")

	// A command in any other shape is refused, with a reason.
	within(t, ctx, 5*time.Second, chromedp.Evaluate[any](`document.getElementById('bonemusic').contentWindow.postMessage({type: 'play'}, new URL(document.getElementById('bonemusic').src).origin)`))
	waitEvent(t, ctx, 10*time.Second, `m.type === 'error' && m.code === 'bad-command' && m.message.includes('bonemusic: 1')`, "an error event for a command without the API version")
	for _, e := range within(t, ctx, 5*time.Second, chromedp.Evaluate[[]map[string]any](`window.boneEvents`)) {
		if e["bonemusic"] != float64(1) {
			t.Errorf("event without the API version: %v", e)
		}
	}
}

// pressInEmbed taps the embedded app's control id (the frame starts 40 px
// down the host page).
func pressInEmbed(t *testing.T, ctx context.Context, id string) {
	t.Helper()
	b := findEmbedButton(t, ctx, id)
	tap(t, ctx, b.X+b.W/2, 40+b.Y+b.H/2)
}

// uploadInFrame gives the embedded app's file input a file, as the file
// dialog would.
func uploadInFrame(t *testing.T, ctx context.Context, path string) {
	t.Helper()
	c, cancel := context.WithTimeout(ctx, 10*time.Second)
	defer cancel()
	input := findNode(appDocument(t, c), func(n *cdp.Node) bool { return attribute(n, "id") == "bonemusic-file" })
	if input == nil {
		t.Fatal("the embedded app has no file input")
	}
	if _, err := chromedp.Call(c, dom.SetFileInputFiles, dom.SetFileInputFilesParams{Files: []string{path}, NodeID: input.NodeID}); err != nil {
		t.Fatalf("upload into the frame: %v", err)
	}
}

// attribute is n's attribute name ("" if it has none).
func attribute(n *cdp.Node, name string) string {
	for i := 0; i+1 < len(n.Attributes); i += 2 {
		if n.Attributes[i] == name {
			return n.Attributes[i+1]
		}
	}
	return ""
}

// findNode is the first node under n (n included) for which ok holds.
func findNode(n *cdp.Node, ok func(*cdp.Node) bool) *cdp.Node {
	if n == nil {
		return nil
	}
	if ok(n) {
		return n
	}
	for _, c := range n.Children {
		if f := findNode(c, ok); f != nil {
			return f
		}
	}
	return nil
}

// findEmbedButton is the control id of the embedded app, from its latest
// state event (CSS pixels of the frame).
func findEmbedButton(t *testing.T, ctx context.Context, id string) struct{ X, Y, W, H float64 } {
	t.Helper()
	waitUntil(t, ctx, 20*time.Second, lastStateExpr, fmt.Sprintf("(s.buttons || []).some(b => b.id === %q)", id), "the "+id+" button")
	for _, b := range readState(t, ctx, lastStateExpr).Buttons {
		if b.ID == id {
			return struct{ X, Y, W, H float64 }{b.X, b.Y, b.W, b.H}
		}
	}
	t.Fatalf("button %s vanished", id)
	return struct{ X, Y, W, H float64 }{}
}

// A page that is not on the app's allow-list gets no events, and its
// commands change nothing: the app is embedded with ?origins= naming
// another site. The test reads the app's state inside its frame.
func TestE2EEmbedRefusesOtherOrigins(t *testing.T) {
	ctx := browser(t, browserOptions{w: hostW, h: hostH})
	_, hostURL := embedSites(t)

	within(t, ctx, 30*time.Second, chromedp.Navigate(hostURL("&state=1&origins="+url.QueryEscape("https://museum.example"))))
	waitInFrame(t, ctx, 60*time.Second, `!!window.bonemusic.embed && (window.bonemusic.state.buttons || []).some((b) => b.id === 'own')`, "the embedded app's buttons")
	own := inFrame[game.Button](t, ctx, `window.bonemusic.state.buttons.find((b) => b.id === 'own')`)
	tap(t, ctx, own.X+own.W/2, 40+own.Y+own.H/2) // the iframe starts 40 px down
	waitInFrame(t, ctx, 20*time.Second, `window.bonemusic.state.scene === 'film'`, "the films after the visitor tapped own")

	command(t, ctx, "load-demo")
	command(t, ctx, "play")
	waitInFrame(t, ctx, 10*time.Second, `window.bonemusic.embed.ignored >= 2`, "the app to see (and ignore) the two commands")
	within(t, ctx, 5*time.Second, chromedp.Sleep(500*time.Millisecond))
	if scene := inFrame[string](t, ctx, `window.bonemusic.state.scene`); scene != "film" {
		t.Errorf("a page not on the allow-list sent the visitor to %s", scene)
	}
	if n := within(t, ctx, 5*time.Second, chromedp.Evaluate[int](`window.boneMessages`)); n != 0 {
		t.Errorf("a page not on the allow-list received %d messages from the app", n)
	}

	// The page's iframe does not allow the microphone: the visitor is told
	// so, not sent to site settings that cannot help.
	if status := inFrame[string](t, ctx, `window.bonemusic.mic.start().then(() => window.bonemusic.mic.status)`); status != "not-here" {
		t.Errorf("microphone status %q in a frame that does not allow it, want not-here", status)
	}
}

// inFrame evaluates expr in the embedded app's own window (awaiting a
// promise): the host page's scripts cannot reach across origins, the
// DevTools protocol can.
func inFrame[T any](t *testing.T, ctx context.Context, expr string) T {
	t.Helper()
	c, cancel := context.WithTimeout(ctx, 10*time.Second)
	defer cancel()
	yes := true
	node, err := chromedp.Call(c, dom.ResolveNode, dom.ResolveNodeParams{NodeID: appDocument(t, c).NodeID})
	if err != nil {
		t.Fatalf("the app's document: %v", err)
	}
	res, err := chromedp.Call(c, runtime.CallFunctionOn, runtime.CallFunctionOnParams{
		FunctionDeclaration: "function() { return (" + expr + "); }",
		ObjectID:            node.Object.ObjectID, ReturnByValue: &yes, AwaitPromise: &yes,
	})
	if err != nil {
		t.Fatalf("in the app's frame: %v", err)
	}
	if res.ExceptionDetails != nil {
		t.Fatalf("in the app's frame, %s threw: %s %s", expr, res.ExceptionDetails.Text, res.ExceptionDetails.Exception.Description)
	}
	var v T
	if err := json.Unmarshal([]byte(res.Result.Value), &v); err != nil {
		t.Fatalf("in the app's frame, %s gave %s: %v", expr, res.Result.Value, err)
	}
	return v
}

// appDocument is the embedded app's document: the content document of the
// host page's iframe, read through the DevTools protocol.
func appDocument(t *testing.T, ctx context.Context) *cdp.Node {
	t.Helper()
	depth, yes := int64(-1), true
	doc, err := chromedp.Call(ctx, dom.GetDocument, dom.GetDocumentParams{Depth: &depth, Pierce: &yes})
	if err != nil {
		t.Fatalf("the host page's document: %v", err)
	}
	frame := findNode(doc.Root, func(n *cdp.Node) bool { return n.LocalName == "iframe" && n.ContentDocument != nil })
	if frame == nil {
		t.Fatal("the host page has no iframe with a document")
	}
	return frame.ContentDocument
}

// waitInFrame polls pred in the embedded app's frame until it holds.
func waitInFrame(t *testing.T, ctx context.Context, d time.Duration, pred, what string) {
	t.Helper()
	deadline := time.Now().Add(d)
	for !inFrame[bool](t, ctx, "(() => { try { return !!("+pred+"); } catch (e) { return false; } })()") {
		if time.Now().After(deadline) {
			t.Fatalf("waited %v for %s; the app's state: %s", d, what, inFrame[string](t, ctx, `JSON.stringify(Object.assign({}, window.bonemusic.state, {buttons: undefined}))`))
		}
		time.Sleep(250 * time.Millisecond)
	}
}
