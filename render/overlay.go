package render

import (
	"image"

	"github.com/fogleman/gg"

	"bonemusic/internal/breathe"
)

// overlay runs draw on a transparent layer the size of im and composites it
// over im where im is not transparent, keeping im's alpha: marks drawn after
// the disc is cut out never leak past its edge or into the hole.
func overlay(im *image.NRGBA, draw func(dc *gg.Context)) {
	layer := image.NewRGBA(im.Rect)
	draw(gg.NewContextForRGBA(layer))
	breathe.Point()
	for i := 0; i < len(layer.Pix); i += 4 {
		if i&0x3ffff == 0 {
			breathe.Point()
		}
		oa := int(layer.Pix[i+3])
		if oa == 0 || im.Pix[i+3] == 0 {
			continue
		}
		for c := 0; c < 3; c++ {
			// layer is premultiplied: out = src + dst·(1 − αsrc).
			v := int(layer.Pix[i+c]) + int(im.Pix[i+c])*(255-oa)/255
			im.Pix[i+c] = uint8(min(v, 255))
		}
	}
}
