//go:build js

package breathe

import (
	"sync"
	"time"
)

// slice is how long work may hold the page before it lets a frame and the
// audio worklet run: well inside the 50 ms a browser counts as a long task.
const slice = 10 * time.Millisecond

// The page has one thread, so its turn-taking is one piece of state for
// the whole program: who holds the thread for work, and since when.
var (
	turn  sync.Mutex
	since time.Time
	held  bool // inside Do: Point may sleep
)

// Do runs work when no other work is running.
func Do(work func()) {
	turn.Lock()
	held, since = true, time.Now()
	defer func() {
		held = false
		turn.Unlock()
	}()
	work()
}

// Point lets the page run if the work has held the thread for a slice.
// Outside Do (the game's own tick) it does nothing: the tick must finish.
func Point() {
	if !held || time.Since(since) < slice {
		return
	}
	time.Sleep(time.Millisecond) // blocks on a JS timer: the page runs
	since = time.Now()
}
