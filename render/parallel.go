package render

// parallelRows runs fn over the rows [0, n) in contiguous bands. Each row is
// computed independently, so the result is the same whatever the split. On
// the desktop the bands run on every CPU (parallel_other.go); in a browser,
// where the page has one thread, they run in turn with a pause for the page
// between them (parallel_js.go).
func parallelRows(n int, fn func(y0, y1 int)) { runRows(n, fn) }
