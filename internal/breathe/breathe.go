// Package breathe lets long work share a browser page's one thread with the
// page. In a browser, Go's goroutines all run on the page's thread, and the
// page — its frames, its input, the audio worklet's feed — only runs when
// every goroutine is blocked. Long work therefore runs inside [Do], one
// piece at a time, and calls [Point] often; when the work has held the
// thread for a slice, Point sleeps, and because the other pieces of work
// wait for their turn, every goroutine is then blocked and the page runs.
//
// On the desktop goroutines have threads of their own: Do only calls the
// work and Point does nothing.
package breathe
