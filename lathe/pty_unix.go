//go:build !js && !windows

package lathe

import (
	"context"
	"io"

	"bonemusic/lathe/grbl"

	"github.com/creack/pty"
)

// ServePTY runs a simulated grbl board for cfg's machine on a new
// pseudo-terminal and returns the port's name (/dev/pts/N), which Open and
// any serial program accept. The board was powered before the port opened,
// so, like a board without auto-reset, it prints its banner only after a
// soft reset. Closing stops the board: a sender sees its link drop.
func ServePTY(ctx context.Context, cfg Config, speedup float64) (name string, closeFn func() error, err error) {
	return servePTY(ctx, &grbl.Device{Speedup: speedup, TravelMM: [3]float64{cfg.TravelMM, 0, 5}, PoweredUp: true}, nil)
}

// servePTY serves board on a new pseudo-terminal; wrap, if not nil, stands
// between the board and the terminal (tests add noise with it).
func servePTY(ctx context.Context, board *grbl.Device, wrap func(io.ReadWriter) io.ReadWriter) (name string, closeFn func() error, err error) {
	master, port, err := pty.Open()
	if err != nil {
		return "", nil, err
	}
	// Holding the port side open keeps the master readable between senders.
	ctx, cancel := context.WithCancel(ctx)
	done := make(chan struct{})
	var rw io.ReadWriter = master
	if wrap != nil {
		rw = wrap(master)
	}
	go func() { board.Serve(ctx, rw); close(done) }()
	return port.Name(), func() error {
		cancel()
		err := master.Close()
		port.Close()
		<-done
		return err
	}, nil
}
