package lathe

import (
	"context"
	"net"
	"sync"

	"bonemusic/engine"
	"bonemusic/lathe/grbl"
)

// NewSimulator is a lathe that runs on a simulated grbl 1.1 board in
// memory: the same plan, the same protocol over a pipe, the same events
// and stops as a real machine, with the carriage moving in simulated time
// speedup times faster than real time (1 for the app, where the cutter
// audio plays along; more in tests).
func NewSimulator(cfg Config, speedup float64) Machine {
	return &simulator{cfg: cfg, speedup: speedup}
}

type simulator struct {
	cfg     Config
	speedup float64

	mu     sync.Mutex
	closed bool
}

// Cut powers up a fresh board, as opening a port resets an Arduino, and
// cuts on it.
func (s *simulator) Cut(ctx context.Context, d *engine.Disc, report func(Event)) error {
	s.mu.Lock()
	closed := s.closed
	s.mu.Unlock()
	if closed {
		return net.ErrClosed
	}
	host, side := net.Pipe()
	board := &grbl.Device{Speedup: s.speedup, TravelMM: [3]float64{s.cfg.TravelMM, 0, 5}}
	boardCtx, powerOff := context.WithCancel(context.Background())
	served := make(chan struct{})
	go func() { board.Serve(boardCtx, side); close(served) }()
	defer func() { powerOff(); host.Close(); side.Close(); <-served }()
	return NewGrbl(host, s.cfg).Cut(ctx, d, report)
}

func (s *simulator) Close() error {
	s.mu.Lock()
	s.closed = true
	s.mu.Unlock()
	return nil
}
