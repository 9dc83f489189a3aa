package engine

import "sync"

// Tracing the contact on a second core. The dilated contact at a groove
// sample (the tip-centre bounds on both walls, dilate.go) is most of a
// play's work, and while a play lasts it is a pure function of the sample:
// the walls change only when Lift applies the wear, defects and grain are
// keyed by position, and the kernels are made for the block's rounded arc
// (arcStep). So a second tracer can compute it ahead of the stylus, in
// chunks, and the player takes it from there: the play comes out the same
// bit for bit as when one core does everything (ahead_test.go), whatever
// the scheduling. Only bulk plays use it (PlayAll, with more than one
// core): a real-time play needs a fraction of one core, and the browser
// has one.

const (
	aheadChunkLen = 1024 // samples per chunk
	aheadChunks   = 6    // chunks in circulation: 4 queued, 1 held by each side
)

type aheadChunk struct {
	gen, start int
	up, lo     [aheadChunkLen]float64
}

type aheadStart struct{ gen, pos int }

// contactAhead is the player's side of the worker; the worker owns its own
// tracer (its rings and kernel cache are not shared).
type contactAhead struct {
	chunks  chan *aheadChunk // computed, in groove order within a generation
	free    chan *aheadChunk
	restart chan aheadStart // where to go on (only the player sends)
	stop    chan struct{}
	done    sync.WaitGroup
	cur     *aheadChunk // the chunk the player reads
	gen     int         // the generation the player wants
	stopped bool
}

// startAhead starts a worker tracing with w, a twin of the player's tracer.
// It waits for the first position the player asks for.
func startAhead(w *tracer) *contactAhead {
	a := &contactAhead{
		chunks:  make(chan *aheadChunk, aheadChunks-2),
		free:    make(chan *aheadChunk, aheadChunks),
		restart: make(chan aheadStart, 1),
		stop:    make(chan struct{}),
	}
	for range aheadChunks {
		a.free <- new(aheadChunk)
	}
	a.done.Add(1)
	go a.work(w)
	return a
}

// work computes chunk after chunk from where the player last asked.
func (a *contactAhead) work(t *tracer) {
	defer a.done.Done()
	var at aheadStart
	select { // idle until the player's first request
	case at = <-a.restart:
	case <-a.stop:
		return
	}
	for {
		var c *aheadChunk
		select {
		case c = <-a.free:
		case at = <-a.restart:
			continue
		case <-a.stop:
			return
		}
		select { // a jump while waiting for a free chunk
		case at = <-a.restart:
		default:
		}
		c.gen, c.start = at.gen, at.pos
		for k := range c.up {
			c.up[k], c.lo[k] = t.dilated(at.pos + k)
		}
		select {
		case a.chunks <- c:
			at.pos += aheadChunkLen
		case at = <-a.restart:
			a.free <- c // never blocks: free holds every chunk
		case <-a.stop:
			return
		}
	}
}

// seek makes a.cur the chunk holding sample i, if the worker is the right
// one to ask: the next chunk in order, or a new run after a jump (a skip,
// the needle drop). A sample a little behind the current chunk is left to
// the caller (false), as is the stylus going backwards (traceNew does not
// ask then).
func (a *contactAhead) seek(i int) bool {
	if c := a.cur; c != nil {
		switch {
		case i >= c.start+aheadChunkLen && i < c.start+2*aheadChunkLen:
			a.free <- c
			a.cur = a.receive()
			return true
		case i < c.start && i >= c.start-aheadChunkLen:
			return false
		}
		a.free <- c
		a.cur = nil
	}
	a.gen++
	select { // the player is the only sender: after this the slot is free
	case <-a.restart:
	default:
	}
	a.restart <- aheadStart{gen: a.gen, pos: i}
	a.cur = a.receive()
	return true
}

// receive waits for the next chunk of the current generation, recycling
// those the worker made before the last jump.
func (a *contactAhead) receive() *aheadChunk {
	for {
		c := <-a.chunks
		if c.gen == a.gen {
			return c
		}
		a.free <- c
	}
}

// close stops the worker and waits for it: after it the disc may change.
func (a *contactAhead) close() {
	if a == nil || a.stopped {
		return
	}
	a.stopped = true
	close(a.stop)
	a.done.Wait()
}

// contactAt is the dilated contact at sample i: the worker's when it has
// it, else computed here (the same values either way). down: the stylus
// is going backwards.
func (t *tracer) contactAt(i int, down bool) (up, lo float64) {
	if a := t.ahead; a != nil && !down {
		if c := a.cur; c != nil {
			if k := i - c.start; k >= 0 && k < aheadChunkLen {
				return c.up[k], c.lo[k]
			}
		}
		if a.seek(i) {
			c := a.cur
			k := i - c.start
			return c.up[k], c.lo[k]
		}
	}
	return t.dilated(i)
}

// dilated is the dilated contact at sample i, computed by this tracer.
func (t *tracer) dilated(i int) (up, lo float64) {
	return t.dilateAt(i, t.kernelFor(max(0, i)>>blockShift).dil)
}
