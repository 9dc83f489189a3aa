//go:build !js

package web

import (
	"fmt"
	"net/http/httptest"
	"path/filepath"
	"testing"
	"time"
)

// TestE2ELayouts opens the app at the edges of what it must fit — the
// smallest phone (320×480) and a wide strip of an
// exhibition page's iframe — and checks that on the lightbox, the films,
// the turntable (an audio letter opened) and the shelf every control is on
// the screen, large enough to press, and clear of the others.
func TestE2ELayouts(t *testing.T) {
	letter, _ := writeLetter(t, filepath.Join(t.TempDir(), "waltz.bone"), 4)
	for _, size := range []struct{ w, h int64 }{{320, 480}, {900, 300}} {
		t.Run(fmt.Sprintf("%dx%d", size.w, size.h), func(t *testing.T) {
			ctx := browser(t, browserOptions{w: size.w, h: size.h})
			srv := httptest.NewServer(Handler("."))
			defer srv.Close()
			loadApp(t, ctx, srv.URL+"/index.html")
			check := func(scene string) {
				t.Helper()
				waitUntil(t, ctx, 30*time.Second, "window.bonemusic.state", fmt.Sprintf(`s.scene === %q`, scene), "the "+scene)
				time.Sleep(300 * time.Millisecond)
				checkControlsOnScreen(t, readState(t, ctx, pageStateExpr), size.w, size.h)
				screenshot(t, ctx, fmt.Sprintf("layout-%dx%d-%s", size.w, size.h, scene))
			}
			tap(t, ctx, float64(size.w)/2, float64(size.h)/3)
			check("lightbox")
			press(t, ctx, "own")
			check("film")
			press(t, ctx, "back")
			press(t, ctx, "open:bone")
			upload(t, ctx, letter)
			check("turntable")
			press(t, ctx, "shelf")
			check("shelf")
		})
	}
}
