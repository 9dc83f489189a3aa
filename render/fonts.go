package render

import (
	"fmt"

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

// loadFace parses one of the embedded Go fonts at sizePX pixels.
func loadFace(which int, sizePX float64) (font.Face, error) {
	data := goregular.TTF
	switch which {
	case fontBold:
		data = gobold.TTF
	case fontHand:
		data = goitalic.TTF
	}
	f, err := opentype.Parse(data)
	if err != nil {
		return nil, fmt.Errorf("render: font: %w", err)
	}
	if sizePX < 1 {
		sizePX = 1
	}
	face, err := opentype.NewFace(f, &opentype.FaceOptions{Size: sizePX, DPI: 72, Hinting: font.HintingNone})
	if err != nil {
		return nil, fmt.Errorf("render: font: %w", err)
	}
	return face, nil
}
