package game

import (
	"image"
	"math"
)

// deck is the turntable: the record on it, how fast it turns, where it is.
type deck struct {
	angleRad float64
	prep     <-chan prepared
	rec      *record
	err      error
}

// record is one disc ready to show and play.
type record struct {
	rpm          float64
	picture      image.Image // the cut disc, transparent outside its edge
	holeX, holeY float64     // spindle hole centre in picture pixels
	needle       *needle     // plays the disc, wearing it play by play
}

type prepared struct {
	rec *record
	err error
}

func newDeck() *deck { return &deck{} }

// load starts making the record in the background. The game calls it after
// its first frame: in a browser, Go's goroutines share the page's only
// thread, so starting earlier would hold back the first picture.
func (d *deck) load() {
	if d.prep != nil || d.rec != nil || d.err != nil {
		return
	}
	ch := make(chan prepared, 1)
	go func() {
		rec, err := makeDemoRecord()
		ch <- prepared{rec, err}
	}()
	d.prep = ch
}

// update takes the record once it has been made; it never blocks.
func (d *deck) update() {
	if d.prep == nil {
		return
	}
	select {
	case p := <-d.prep:
		d.prep = nil
		d.rec, d.err = p.rec, p.err
	default:
	}
}

func (d *deck) ready() bool { return d.rec != nil }

func (d *deck) source() MonoSource { return d.rec.needle }

// turn advances the platter by dt seconds at the record's speed.
func (d *deck) turn(dt float64) {
	if d.rec == nil {
		return
	}
	d.angleRad = math.Mod(d.angleRad+2*math.Pi*d.rec.rpm/60*dt, 2*math.Pi*1e6)
}
