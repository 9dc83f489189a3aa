package game

import (
	"image"

	"github.com/hajimehoshi/ebiten/v2"

	"bonemusic/engine"
)

// blankPX is the size the ungrooved disc is drawn at: the sound and cut
// scenes show it at most about this large.
const blankPX = 768

// blank is the disc cut out of the visitor's film, not yet grooved: what the
// sound scene shows and the lathe cuts into. Drawn beside the game, once per
// film and seed, and moved to the GPU a band at a time.
type blank struct {
	params  engine.Params
	up      *upload
	drawing *job[*image.NRGBA]
	pending engine.Params
}

// image returns the blank for p, or nil while it is being drawn.
func (b *blank) image(a *app, p engine.Params) *ebiten.Image {
	if im, err, ok := b.drawing.poll(); ok {
		b.drawing = nil
		if err != nil {
			a.say("%s%v", a.text.RecordFailed, err)
		} else {
			if b.up != nil {
				b.up.img.Deallocate()
			}
			b.up, b.params = newUpload(im), b.pending
		}
	}
	if b.drawing == nil && (b.up == nil || b.params != p) {
		b.pending = p
		cache := a.cache
		b.drawing = startJob(func(func(float64)) (*image.NRGBA, error) { return cache.Blank(p, blankPX) })
	}
	if b.up == nil || b.params != p || !b.up.step(uploadRows) {
		return nil
	}
	return b.up.img
}
