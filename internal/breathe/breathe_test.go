package breathe

import (
	"sync"
	"testing"
)

// Pieces of work run one at a time, whole, and Point never breaks one.
func TestDoRunsWorkOneAtATime(t *testing.T) {
	var mu sync.Mutex
	running, most := 0, 0
	var wg sync.WaitGroup
	for range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			Do(func() {
				mu.Lock()
				running++
				most = max(most, running)
				mu.Unlock()
				for range 1000 {
					Point()
				}
				mu.Lock()
				running--
				mu.Unlock()
			})
		}()
	}
	wg.Wait()
	if running != 0 {
		t.Fatalf("%d pieces still running after all returned", running)
	}
	if oneAtATime && most != 1 {
		t.Errorf("%d pieces of work ran at once on the page's one thread, want 1", most)
	}
}
