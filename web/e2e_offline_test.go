//go:build !js

package web

import (
	"context"
	"encoding/json"
	"net/http/httptest"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/chromedp"
)

// The service worker (sw.js) keeps the app for a visit without network: a
// kiosk whose venue Wi-Fi drops, a visitor on a train.
func TestE2EOffline(t *testing.T) {
	ctx := browser(t, browserOptions{w: pageW, h: pageH})
	srv := httptest.NewServer(Handler("."))
	checkOffline(t, ctx, srv.URL, srv.Close)
}

// checkOffline opens the app at base (a site serving web/ or dist/), waits
// until its worker holds the release, then cuts the network — cut stops
// the site, and the browser itself goes offline — and reloads: the app must
// start, reach its first frame and play a record. It logs the load times.
func checkOffline(t *testing.T, ctx context.Context, base string, cut func()) {
	t.Helper()
	first := loadApp(t, ctx, base+"/index.html")
	t.Logf("first visit: first frame %.0f ms after navigation", first)
	kept := waitOfflineReady(t, ctx)
	usedMB := within(t, ctx, 10*time.Second, chromedp.Evaluate[float64](`navigator.storage.estimate().then((e) => e.usage / 1e6)`, chromedp.EvalAwaitPromise))
	t.Logf("release kept for offline use in cache %s (the site's storage: %.1f MB)", kept, usedMB)

	repeat := loadApp(t, ctx, base+"/index.html")
	t.Logf("repeat visit (served by the worker): first frame %.0f ms after navigation", repeat)

	cut()
	goOffline(t, ctx)
	offline := loadApp(t, ctx, base+"/index.html")
	t.Logf("offline visit: first frame %.0f ms after navigation", offline)
	if online := within(t, ctx, 5*time.Second, chromedp.Evaluate[bool](`navigator.onLine`)); online {
		t.Error("the browser still says it is online: the test did not cut the network")
	}
	tap(t, ctx, pageW/2, pageH/2)
	waitUntil(t, ctx, 60*time.Second, "window.bonemusic.state",
		`s.scene === "lightbox" && s.audioReady && s.audioPlaying && s.audioMS > 200`, "the record to play offline after a tap")
	checkNotBlank(t, screenshot(t, ctx, "offline"))
}

// offlineStatus is what the page knows of its service worker and caches.
type offlineStatus struct {
	Controller string   `json:"controller"` // the script URL of the worker serving the page ("" for none)
	Caches     []string `json:"caches"`     // Bone Music's release caches
	Complete   []string `json:"complete"`   // those holding build.json: filled to the end
}

const offlineStatusJS = `(async () => {
  const c = navigator.serviceWorker && navigator.serviceWorker.controller;
  const names = (await caches.keys()).filter((n) => n.startsWith('bonemusic-'));
  const complete = [];
  for (const n of names) {
    // match, not open: opening would create a cache the worker just deleted.
    if (await caches.match('build.json', { cacheName: n, ignoreVary: true })) complete.push(n);
  }
  return { controller: c ? c.scriptURL : '', caches: names, complete };
})()`

func readOfflineStatus(t *testing.T, ctx context.Context) offlineStatus {
	t.Helper()
	return within(t, ctx, 10*time.Second, chromedp.Evaluate[offlineStatus](offlineStatusJS, chromedp.EvalAwaitPromise))
}

// waitOfflineReady waits until a worker serves the page from one complete
// cache, and returns that cache's name.
func waitOfflineReady(t *testing.T, ctx context.Context) string {
	t.Helper()
	var kept string
	waitCaches(t, ctx, func(s offlineStatus) bool {
		ok := s.Controller != "" && len(s.Caches) == 1 && len(s.Complete) == 1
		if ok {
			kept = s.Complete[0]
		}
		return ok
	}, "the app to be kept for offline use")
	return kept
}

// goOffline cuts the browser's network, the service worker's included.
func goOffline(t *testing.T, ctx context.Context) {
	t.Helper()
	yes := true
	c, cancel := context.WithTimeout(ctx, 10*time.Second)
	defer cancel()
	if _, err := chromedp.Call(c, network.Enable, network.EnableParams{}); err != nil {
		t.Fatalf("network.enable: %v", err)
	}
	if _, err := chromedp.Call(c, network.EmulateNetworkConditionsByRule, network.EmulateNetworkConditionsByRuleParams{
		EmulateOfflineServiceWorker: &yes,
		MatchedNetworkConditions:    []*network.Conditions{{Offline: true, DownloadThroughput: -1, UploadThroughput: -1}},
	}); err != nil {
		t.Fatalf("cut the network: %v", err)
	}
	if _, err := chromedp.Call(c, network.OverrideNetworkState, network.OverrideNetworkStateParams{Offline: true, DownloadThroughput: -1, UploadThroughput: -1}); err != nil {
		t.Fatalf("tell the page it is offline: %v", err)
	}
}

// A new release replaces the kept one as a whole: a page runs the release
// it started with to the end, even after the next one is downloaded; the
// next visit runs the new release, and the old cache is then deleted.
func TestE2EOfflineNewRelease(t *testing.T) {
	ctx := browser(t, browserOptions{w: pageW, h: pageH})
	site := siteCopy(t)
	srv := httptest.NewServer(Handler(site))
	defer srv.Close()

	loadApp(t, ctx, srv.URL+"/index.html")
	old := waitOfflineReady(t, ctx)
	oldVersion := pageVersion(t, ctx)

	// Release 2: another version in build.json and a changed page file.
	var build map[string]any
	raw, err := os.ReadFile(filepath.Join(site, "build.json"))
	if err == nil {
		err = json.Unmarshal(raw, &build)
	}
	if err != nil {
		t.Fatal(err)
	}
	build["version"] = "release-2-test"
	raw, _ = json.Marshal(build)
	writeSiteFile(t, site, "build.json", raw)
	css, _ := os.ReadFile(filepath.Join("style.css"))
	writeSiteFile(t, site, "style.css", append(css, "\n/* release 2 */\n"...))

	// This visit still runs the old release, and downloads the new one.
	loadApp(t, ctx, srv.URL+"/index.html")
	checkRelease := func(when, version string, new bool) {
		t.Helper()
		if got := pageVersion(t, ctx); got != version {
			t.Errorf("%s: the page runs release %q, want %q", when, got, version)
		}
		if got := pageFile(t, ctx, "style.css"); strings.Contains(got, "release 2") != new {
			t.Errorf("%s: the page got the style.css of the other release", when)
		}
		if got := pageFile(t, ctx, "build.json"); !strings.Contains(got, jsString(version)) {
			t.Errorf("%s: the page got the build.json of another release: %.80s", when, got)
		}
	}
	checkRelease("the visit that downloads", oldVersion, false)
	waitCaches(t, ctx, func(s offlineStatus) bool { return slices.Contains(s.Complete, "bonemusic-release-2-test") },
		"the new release to be downloaded")
	checkRelease("the same visit after the download", oldVersion, false)

	// The next visit runs it, and the old release is deleted.
	loadApp(t, ctx, srv.URL+"/index.html")
	checkRelease("the next visit", "release-2-test", true)
	waitCaches(t, ctx, func(s offlineStatus) bool {
		return slices.Equal(s.Caches, []string{"bonemusic-release-2-test"}) && slices.Equal(s.Complete, s.Caches)
	}, "the old release "+old+" to be deleted")
}

// pageVersion is the release the page runs (web/loader.js keeps its build.json).
func pageVersion(t *testing.T, ctx context.Context) string {
	t.Helper()
	return within(t, ctx, 5*time.Second, chromedp.Evaluate[string](`window.bonemusic.build.version || ''`))
}

// waitCaches polls the page's offline status until ok holds (60 s).
func waitCaches(t *testing.T, ctx context.Context, ok func(offlineStatus) bool, what string) {
	t.Helper()
	deadline := time.Now().Add(60 * time.Second)
	for s := readOfflineStatus(t, ctx); !ok(s); s = readOfflineStatus(t, ctx) {
		if time.Now().After(deadline) {
			t.Fatalf("waited 60 s for %s: %+v", what, s)
		}
		time.Sleep(250 * time.Millisecond)
	}
}

// siteCopy is a copy of the site (web/ after `make wasm`) that a test may
// change: links to the big files, copies of the small ones.
func siteCopy(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	entries, err := os.ReadDir(".")
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		if e.IsDir() || strings.HasSuffix(e.Name(), ".go") {
			continue
		}
		// A hard link where the file system allows one, else a copy: the
		// server refuses symlinks that lead out of its folder.
		to := filepath.Join(dir, e.Name())
		if os.Link(e.Name(), to) != nil {
			data, err := os.ReadFile(e.Name())
			if err == nil {
				err = os.WriteFile(to, data, 0o644)
			}
			if err != nil {
				t.Fatal(err)
			}
		}
	}
	return dir
}

// writeSiteFile replaces a file of a site copy with data.
func writeSiteFile(t *testing.T, site, name string, data []byte) {
	t.Helper()
	p := filepath.Join(site, name)
	os.Remove(p)
	if err := os.WriteFile(p, data, 0o644); err != nil {
		t.Fatal(err)
	}
}

// pageFile is a file as the page gets it (through its service worker).
func pageFile(t *testing.T, ctx context.Context, name string) string {
	t.Helper()
	return within(t, ctx, 10*time.Second, chromedp.Evaluate[string](`fetch(`+jsString(name)+`).then((r) => r.text())`, chromedp.EvalAwaitPromise))
}

func jsString(s string) string {
	b, _ := json.Marshal(s)
	return string(b)
}
