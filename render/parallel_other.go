//go:build !js

package render

import (
	"runtime"
	"sync"
)

// runRows splits the rows into one band per CPU.
func runRows(n int, fn func(y0, y1 int)) {
	workers := min(runtime.GOMAXPROCS(0), max(1, n/32))
	if workers <= 1 {
		fn(0, n)
		return
	}
	var wg sync.WaitGroup
	for w := 0; w < workers; w++ {
		y0, y1 := n*w/workers, n*(w+1)/workers
		wg.Add(1)
		go func() {
			defer wg.Done()
			fn(y0, y1)
		}()
	}
	wg.Wait()
}
