package render

import (
	"fmt"
	"image"
	"image/color"
	"math"

	"github.com/fogleman/gg"
	"golang.org/x/image/font"
)

// maxLabelPX caps label text size: a label is UI text, never a poster.
const maxLabelPX = 400

// Label draws one line of UI text (English or Russian) on a transparent
// image just large enough to hold it, with a soft shadow so it reads over the
// bright lightbox. The game caches labels and blits them, so text costs
// nothing per frame.
func Label(text string, bold bool, sizePX float64, c color.Color) (image.Image, error) {
	face, err := labelFace(bold, sizePX)
	if err != nil {
		return nil, err
	}
	defer face.Close()
	measure := gg.NewContext(1, 1)
	measure.SetFontFace(face)
	tw, _ := measure.MeasureString(text)
	pad := math.Ceil(sizePX * 0.25)
	dc := gg.NewContext(int(math.Ceil(tw+2*pad)), int(math.Ceil(sizePX*1.35+2*pad)))
	dc.SetFontFace(face)
	baseline := pad + sizePX*1.05
	shadow := sizePX / 16
	dc.SetRGBA(0, 0, 0, 0.6)
	dc.DrawString(text, pad+shadow, baseline+shadow)
	dc.SetColor(c)
	dc.DrawString(text, pad, baseline)
	return dc.Image(), nil
}

// WrapLabel splits text into lines that each fit within maxWidthPX when
// drawn by Label at sizePX: the game's captions must not be clipped on a
// 360 px phone. A single word wider than the limit gets a line of its own.
func WrapLabel(text string, bold bool, sizePX, maxWidthPX float64) ([]string, error) {
	face, err := labelFace(bold, sizePX)
	if err != nil {
		return nil, err
	}
	defer face.Close()
	dc := gg.NewContext(1, 1)
	dc.SetFontFace(face)
	// Label pads each side by a quarter of the size.
	return dc.WordWrap(text, maxWidthPX-2*math.Ceil(sizePX*0.25)), nil
}

// labelFace is the face labels are set in, after checking the size.
func labelFace(bold bool, sizePX float64) (font.Face, error) {
	if !(sizePX >= 4 && sizePX <= maxLabelPX) {
		return nil, fmt.Errorf("render: label size %.0f px is outside 4–%d", sizePX, maxLabelPX)
	}
	if bold {
		return loadFace(fontBold, sizePX)
	}
	return loadFace(fontRegular, sizePX)
}
