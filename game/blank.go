package game

import (
	"image"

	"github.com/hajimehoshi/ebiten/v2"

	"bonemusic/engine"
)

// blank is the disc cut out of the visitor's film, not yet grooved: what the
// sound scene shows and the lathe cuts into. Drawn beside the game, once per
// film and seed.
type blank struct {
	params  engine.Params
	img     *ebiten.Image
	drawing *job[image.Image]
	pending engine.Params
}

// image returns the blank for p, or nil while it is being drawn.
func (b *blank) image(a *app, p engine.Params) *ebiten.Image {
	if im, err, ok := b.drawing.poll(); ok {
		b.drawing = nil
		if err != nil {
			a.say("%s%v", a.text.RecordFailed, err)
		} else {
			if b.img != nil {
				b.img.Deallocate()
			}
			b.img, b.params = ebiten.NewImageFromImage(im), b.pending
		}
	}
	if b.drawing == nil && (b.img == nil || b.params != p) {
		b.pending = p
		cache := a.cache
		b.drawing = startJob(func(func(float64)) (image.Image, error) { return cache.Blank(p, discPX) })
	}
	if b.params != p {
		return nil
	}
	return b.img
}
