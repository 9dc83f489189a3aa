package game

import (
	"image"
	"math"

	"bonemusic/engine"
	"bonemusic/render"
)

// deck is the turntable: the record on it, how fast it turns, where it is.
type deck struct {
	angleRad  float64
	turnedSec float64
	cache     render.Cache // film and cut survive redraws after each play
	prep      <-chan prepared
	redraw    <-chan pictures // the record's look after its latest play
	rec       *record
	err       error
}

// record is one disc ready to show and play.
type record struct {
	rpm    float64
	geo    render.Geometry // where the hole and groove centre are in the pictures
	pics   pictures
	needle *needle // plays the disc, wearing it play by play
}

// pictures are a record's look after a number of plays: the disc, which the
// game turns about its hole, and the sheen of the grooves, which stays put
// under the lamp while the record turns.
type pictures struct {
	plays int
	disc  image.Image
	sheen *image.NRGBA // cropped: its Bounds().Min is its place on the disc
	err   error
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
		rec, err := makeDemoRecord(&d.cache)
		ch <- prepared{rec, err}
	}()
	d.prep = ch
}

// update takes finished work from the background; it never blocks.
func (d *deck) update() {
	select {
	case p := <-d.prep:
		d.prep = nil
		d.rec, d.err = p.rec, p.err
	case pics := <-d.redraw:
		d.redraw = nil
		if pics.err == nil { // a failed redraw keeps the older, still true-ish look
			d.rec.pics = pics
		}
	default:
	}
	d.redrawAfterPlay()
}

// redrawAfterPlay draws the record again once a play has worn it, from a
// snapshot, so the audio goroutine can go on playing the disc meanwhile.
func (d *deck) redrawAfterPlay() {
	if d.rec == nil || d.redraw != nil {
		return
	}
	snap, plays := d.rec.needle.snapshot(d.rec.pics.plays)
	if snap == nil {
		return
	}
	ch := make(chan pictures, 1)
	go func() {
		pics := drawRecord(&d.cache, snap)
		pics.plays = plays
		ch <- pics
	}()
	d.redraw = ch
}

func (d *deck) ready() bool { return d.rec != nil }

func (d *deck) source() MonoSource { return d.rec.needle }

// turn advances the platter by dt seconds at the record's speed.
func (d *deck) turn(dt float64) {
	if d.rec == nil {
		return
	}
	d.turnedSec += dt
	d.angleRad = math.Mod(d.angleRad+2*math.Pi*d.rec.rpm/60*dt, 2*math.Pi*1e6)
}

// drawRecord draws a disc's two pictures.
func drawRecord(cache *render.Cache, disc *engine.Disc) pictures {
	unlit, err := cache.DiscUnlit(disc, discPX)
	if err != nil {
		return pictures{err: err}
	}
	sheen, err := render.Sheen(disc, discPX)
	if err != nil {
		return pictures{err: err}
	}
	return pictures{plays: disc.Plays(), disc: unlit, sheen: cropToVisible(sheen)}
}

// cropToVisible trims the transparent margin off an image. The sheen is a
// fan of light over part of the disc; drawing only that part saves a third
// of each frame's fill on software-rendered WebGL.
func cropToVisible(im *image.NRGBA) *image.NRGBA {
	b := im.Bounds()
	box := image.Rectangle{Min: b.Max, Max: b.Min}
	for y := b.Min.Y; y < b.Max.Y; y++ {
		row := im.Pix[(y-b.Min.Y)*im.Stride:]
		for x := b.Min.X; x < b.Max.X; x++ {
			if row[(x-b.Min.X)*4+3] != 0 {
				box = box.Union(image.Rect(x, y, x+1, y+1))
			}
		}
	}
	return im.SubImage(box).(*image.NRGBA)
}
