package web

import (
	"net"
	"net/http"
	"sync"
	"time"
)

// connTable knows every open connection and whether it is busy, so that at
// the cap the longest idle one can make room. A plain limiting listener
// would instead make new visitors queue behind idle connections.
type connTable struct {
	max   int
	mu    sync.Mutex
	conns map[net.Conn]*connInfo
}

type connInfo struct {
	busy  bool      // a request is being served
	since time.Time // when it last became idle
}

func newConnTable(max int) *connTable {
	return &connTable{max: max, conns: make(map[net.Conn]*connInfo)}
}

// admit makes room for c, closing the longest idle connection when at the
// cap; it reports false (and c must be closed) when every one is busy.
func (t *connTable) admit(c net.Conn) bool {
	t.mu.Lock()
	defer t.mu.Unlock()
	if len(t.conns) >= t.max {
		var oldest net.Conn
		var oldestSince time.Time
		for oc, info := range t.conns {
			if !info.busy && (oldest == nil || info.since.Before(oldestSince)) {
				oldest, oldestSince = oc, info.since
			}
		}
		if oldest == nil {
			return false
		}
		delete(t.conns, oldest)
		oldest.Close()
	}
	t.conns[c] = &connInfo{since: time.Now()}
	return true
}

// setState follows http.Server's view of each connection. A new
// connection counts as idle until its request arrives: one that never
// sends a request is the first to go.
func (t *connTable) setState(c net.Conn, state http.ConnState) {
	t.mu.Lock()
	defer t.mu.Unlock()
	info, ok := t.conns[c]
	if !ok {
		return // already displaced
	}
	switch state {
	case http.StateActive:
		info.busy = true
	case http.StateIdle:
		info.busy, info.since = false, time.Now()
	case http.StateHijacked, http.StateClosed:
		delete(t.conns, c)
	}
}

func (t *connTable) count() int {
	t.mu.Lock()
	defer t.mu.Unlock()
	return len(t.conns)
}

// cappedListener admits each accepted connection into its table.
type cappedListener struct {
	net.Listener
	conns *connTable
}

func (l *cappedListener) Accept() (net.Conn, error) {
	for {
		c, err := l.Listener.Accept()
		if err != nil {
			return nil, err
		}
		if l.conns.admit(c) {
			return c, nil
		}
		c.Close() // every connection is busy: refuse at once rather than queue
	}
}

func (t *connTable) busyCount() int {
	t.mu.Lock()
	defer t.mu.Unlock()
	n := 0
	for _, info := range t.conns {
		if info.busy {
			n++
		}
	}
	return n
}
