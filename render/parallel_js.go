//go:build js

package render

import "time"

// slice is how long drawing may hold a browser page before it lets a frame
// and the audio worklet run: a worn record redrawn at 1024 px takes about
// half a second of wasm, which would otherwise freeze the page.
const slice = 10 * time.Millisecond

// runRows draws a few rows at a time and, whenever slice has passed, sleeps
// for a millisecond: sleeping blocks on a JS timer, so the page's event loop
// runs before the drawing goes on. Goroutines that merely yield would not
// give the thread back to the page.
func runRows(n int, fn func(y0, y1 int)) {
	const band = 8
	start := time.Now()
	for y := 0; y < n; y += band {
		fn(y, min(n, y+band))
		if time.Since(start) >= slice {
			time.Sleep(time.Millisecond)
			start = time.Now()
		}
	}
}
