package game

import (
	"image"

	"github.com/hajimehoshi/ebiten/v2"
)

// upload moves a CPU picture to the GPU a band of rows at a time: a whole
// 1024 px picture at once held software-rendered WebGL for a fifth of a
// second, in 48-row bands per frame it never shows.
type upload struct {
	src *image.NRGBA
	img *ebiten.Image
	row int
	buf []byte
}

// uploadRows is how many rows go to the GPU per frame.
const uploadRows = 48

func newUpload(src *image.NRGBA) *upload {
	b := src.Bounds()
	return &upload{src: src, img: ebiten.NewImage(max(1, b.Dx()), max(1, b.Dy()))}
}

// step writes up to rows more rows and reports whether the picture is whole.
func (u *upload) step(rows int) bool {
	b := u.src.Bounds()
	if u.row >= b.Dy() {
		return true
	}
	k := min(rows, b.Dy()-u.row)
	w := b.Dx()
	need := w * k * 4
	if cap(u.buf) < need {
		u.buf = make([]byte, need)
	}
	buf := u.buf[:need]
	// The picture has straight alpha; Ebiten takes premultiplied.
	for r := 0; r < k; r++ {
		row := u.src.Pix[u.src.PixOffset(b.Min.X, b.Min.Y+u.row+r):]
		out := buf[r*w*4:]
		for x := 0; x < w; x++ {
			a := uint32(row[4*x+3])
			out[4*x] = uint8((uint32(row[4*x])*a + 127) / 255)
			out[4*x+1] = uint8((uint32(row[4*x+1])*a + 127) / 255)
			out[4*x+2] = uint8((uint32(row[4*x+2])*a + 127) / 255)
			out[4*x+3] = uint8(a)
		}
	}
	u.img.SubImage(image.Rect(0, u.row, w, u.row+k)).(*ebiten.Image).WritePixels(buf)
	u.row += k
	return u.row >= b.Dy()
}

// image steps the upload by one band and returns the picture once it is
// whole (nil until then). A nil upload has no picture.
func (u *upload) image() *ebiten.Image {
	if u == nil || !u.step(uploadRows) {
		return nil
	}
	return u.img
}

// dispose frees the GPU picture.
func (u *upload) dispose() {
	if u != nil {
		u.img.Deallocate()
	}
}
