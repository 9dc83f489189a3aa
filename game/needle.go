package game

import (
	"errors"
	"io"
	"sync"

	"bonemusic/engine"
)

// runOutSeconds is how long the stylus rides the run-out and locked groove
// (about five turns at 78 rpm: the click a visitor knows means "the end")
// before the arm lifts and the record is played again.
const runOutSeconds = 4

// needle plays a disc again and again, as a visitor at the lightbox would:
// drop at the lead-in, play to the locked groove, lift — the engine then
// wears the groove by what was traced — and drop again. Ebiten reads it on
// its audio goroutine while the game asks for its status, hence mu.
type needle struct {
	mu      sync.Mutex
	disc    *engine.Disc
	opt     engine.PlayOptions
	player  *engine.Player
	runOut  int // samples played since the run-out began
	plays   int // finished plays
	lastErr error
}

func newNeedle(d *engine.Disc, opt engine.PlayOptions) *needle {
	return &needle{disc: d, opt: opt}
}

// Read implements MonoSource. It never ends by itself: the record is
// replayed until the visitor stops it.
func (n *needle) Read(dst []float32) (int, error) {
	n.mu.Lock()
	defer n.mu.Unlock()
	if n.lastErr != nil {
		return 0, n.lastErr
	}
	if n.player == nil {
		p, err := engine.NewPlayer(n.disc, n.opt)
		if err != nil {
			n.lastErr = err
			return 0, err
		}
		n.player, n.runOut = p, 0
	}
	k, err := n.player.Read(dst)
	if n.player.InRunOut() {
		n.runOut += k
	}
	if errors.Is(err, io.EOF) || n.runOut >= runOutSeconds*engine.EngineRate {
		n.player.Lift()
		n.player = nil
		n.plays++
		err = nil
	}
	return k, err
}

// status is the number of finished plays and the groove sample under the stylus.
func (n *needle) status() (plays, sample int) {
	n.mu.Lock()
	defer n.mu.Unlock()
	if n.player != nil {
		sample, _ = n.player.Position()
	}
	return n.plays, sample
}

// snapshot copies the disc if it has been played more than `drawn` times:
// the copy can be drawn while the original keeps playing.
func (n *needle) snapshot(drawn int) (*engine.Disc, int) {
	n.mu.Lock()
	defer n.mu.Unlock()
	if n.disc.Plays() <= drawn {
		return nil, 0
	}
	snap, err := engine.Restore(n.disc.State())
	if err != nil {
		return nil, 0 // cannot happen for a disc the engine made; skip the redraw
	}
	return snap, n.disc.Plays()
}
