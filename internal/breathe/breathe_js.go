//go:build js

package breathe

import (
	"sync"
	"syscall/js"
	"time"
)

// slice is how long work may hold the page before it lets a frame and the
// audio worklet run: well inside the 50 ms a browser counts as a long task.
const slice = 8 * time.Millisecond

// The page has one thread, so its turn-taking is one piece of state for
// the whole program: who holds the thread for work, since when, and the
// message channel work yields through.
var (
	turn  sync.Mutex
	since time.Time
	held  bool // inside Do: Point may yield
	port  js.Value
	woken = make(chan struct{}, 1)
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
	yield()
	since = time.Now()
}

// yield gives the page its thread until a message to ourselves comes back.
// A message, not a timer: browsers clamp timers to 4 ms and throttle them
// hard when they think a page is in the background (seen in headless
// Chromium after a download: ten plays of ageing took minutes, not
// seconds), while a MessageChannel task runs as soon as the page has done
// its frame. Waiting on the channel blocks this goroutine; the others wait
// for their turn, so Go returns the thread to the page.
func yield() {
	if port.IsUndefined() {
		mc := js.Global().Get("MessageChannel")
		if mc.IsUndefined() {
			time.Sleep(time.Millisecond) // no MessageChannel: a timer will do
			return
		}
		ch := mc.New()
		ch.Get("port1").Set("onmessage", js.FuncOf(func(js.Value, []js.Value) any {
			select {
			case woken <- struct{}{}:
			default:
			}
			return nil
		}))
		port = ch.Get("port2")
	}
	port.Call("postMessage", nil)
	<-woken
}
