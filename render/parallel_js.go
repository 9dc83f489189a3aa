//go:build js

package render

import "bonemusic/internal/breathe"

// runRows draws a few rows at a time and lets the page breathe between them:
// a worn record redrawn at 1024 px takes about a tenth of a second of wasm,
// which would otherwise freeze the page.
func runRows(n int, fn func(y0, y1 int)) {
	const band = 8
	for y := 0; y < n; y += band {
		fn(y, min(n, y+band))
		breathe.Point()
	}
}
