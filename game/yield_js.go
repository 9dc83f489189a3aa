//go:build js && wasm

package game

import "time"

// breathSlice is how long background work may hold the page before it lets
// a frame and the AudioWorklet run.
const breathSlice = 12 * time.Millisecond

// breather lets the page breathe during long work. In a browser all
// goroutines share the page's one thread, and a busy goroutine only gives it
// back when it blocks: sleeping blocks on a JS timer, so the event loop runs
// before the work goes on.
type breather struct{ since time.Time }

// breathe yields if the work has held the thread for breathSlice.
func (b *breather) breathe() {
	if b.since.IsZero() {
		b.since = time.Now()
		return
	}
	if time.Since(b.since) >= breathSlice {
		time.Sleep(time.Millisecond)
		b.since = time.Now()
	}
}
