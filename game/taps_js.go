//go:build js && wasm

package game

import "syscall/js"

// tapQueue reads the taps web/loader.js collects from pointerup events. A
// quick click — press and release inside one tick, common while the page is
// busy preparing a record — never shows as "just released" to Ebiten's
// polling, and the visitor's first tap must not be lost.
type tapQueue struct{ arr js.Value }

func (tapQueue) platformTaps() bool { return true }

// drain returns the queued taps in screen pixels and empties the queue.
func (q *tapQueue) drain(scale float64) []Point {
	if q.arr.IsUndefined() {
		root := js.Global().Get("bonemusic")
		if root.IsUndefined() || root.IsNull() {
			return nil
		}
		q.arr = root.Get("taps")
		if q.arr.IsUndefined() || q.arr.IsNull() {
			q.arr = js.Undefined()
			return nil
		}
	}
	n := q.arr.Length()
	if n == 0 {
		return nil
	}
	taps := make([]Point, 0, n)
	for i := range n {
		t := q.arr.Index(i)
		taps = append(taps, Point{t.Index(0).Float() * scale, t.Index(1).Float() * scale})
	}
	q.arr.Set("length", 0)
	return taps
}
