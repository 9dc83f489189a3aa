package render

import (
	"fmt"
	"sync"

	"golang.org/x/image/font"
	"golang.org/x/image/font/gofont/gobold"
	"golang.org/x/image/font/gofont/goitalic"
	"golang.org/x/image/font/gofont/goregular"
	"golang.org/x/image/font/opentype"
)

// The Go fonts cover Latin and Cyrillic (WGL4), so English and Russian
// labels and titles need nothing outside the binary.
const (
	fontRegular = iota
	fontBold
	fontHand // italic stands in for a hand: each glyph is jittered when drawn
)

// parsed holds the three fonts, parsed once: a parsed font is read-only
// and safe to share, and parsing one costs about a millisecond, which every
// label used to pay.
var parsed = sync.OnceValues(func() ([3]*opentype.Font, error) {
	var fonts [3]*opentype.Font
	for i, data := range [3][]byte{fontRegular: goregular.TTF, fontBold: gobold.TTF, fontHand: goitalic.TTF} {
		f, err := opentype.Parse(data)
		if err != nil {
			return fonts, fmt.Errorf("render: font: %w", err)
		}
		fonts[i] = f
	}
	return fonts, nil
})

// loadFace makes a face of one of the embedded Go fonts at sizePX pixels.
// Faces are not safe for concurrent use: each caller gets its own.
func loadFace(which int, sizePX float64) (font.Face, error) {
	fonts, err := parsed()
	if err != nil {
		return nil, err
	}
	f := fonts[which]
	if sizePX < 1 {
		sizePX = 1
	}
	face, err := opentype.NewFace(f, &opentype.FaceOptions{Size: sizePX, DPI: 72, Hinting: font.HintingNone})
	if err != nil {
		return nil, fmt.Errorf("render: font: %w", err)
	}
	return face, nil
}
