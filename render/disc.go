package render

import (
	"fmt"
	"image"
	"image/png"
	"io"
	"sync"

	"github.com/fogleman/gg"

	"bonemusic/engine"
	"bonemusic/internal/breathe"
)

// DefaultExportPX is the size of a saved disc picture: print quality.
const DefaultExportPX = 2400

// Blank draws a disc not yet cut: the film (or shellac/vinyl blank) cut
// round, the hole burned, the title written, no groove yet. Outside the
// edge and inside the hole the image is transparent.
func Blank(p engine.Params, sizePX int) (*image.NRGBA, error) {
	var c Cache
	return c.Blank(p, sizePX)
}

// Disc draws a cut disc as it is now: Blank plus the groove band catching
// the light, lead-in and run-out, the wear of every play and the marks.
func Disc(d *engine.Disc, sizePX int) (*image.NRGBA, error) {
	var c Cache
	return c.Disc(d, sizePX)
}

// DiscPNG writes Disc(d, sizePX) as PNG; sizePX ≤ 0 means DefaultExportPX.
func DiscPNG(w io.Writer, d *engine.Disc, sizePX int) error {
	if sizePX <= 0 {
		sizePX = DefaultExportPX
	}
	im, err := Disc(d, sizePX)
	if err != nil {
		return err
	}
	// Fastest zlib level: film grain barely compresses anyway, and the
	// default level took 8× longer (about 9 s at 2400 px) for little gain.
	enc := png.Encoder{CompressionLevel: png.BestSpeed}
	if err := enc.Encode(w, im); err != nil {
		return fmt.Errorf("render: png: %w", err)
	}
	return nil
}

// Cache keeps the costly part of a disc picture (film, cut, hole, title) for
// the last few (params, size) pairs, so redrawing a disc after each play only
// redoes the grooves. The caller owns it; the zero value is ready and it is
// safe for concurrent use.
type Cache struct {
	mu      sync.Mutex
	entries []cacheEntry // most recently used last
}

type cacheEntry struct {
	p    engine.Params
	size int
	im   *image.NRGBA // never handed out: callers get copies
}

const cacheEntries = 4

// Blank is the package-level Blank through the cache.
func (c *Cache) Blank(p engine.Params, sizePX int) (*image.NRGBA, error) {
	s, err := c.surface(p, sizePX)
	if err != nil {
		return nil, err
	}
	return cloneNRGBA(s), nil
}

// Disc is the package-level Disc through the cache.
func (c *Cache) Disc(d *engine.Disc, sizePX int) (*image.NRGBA, error) {
	return c.disc(d, sizePX, true)
}

// DiscUnlit is Disc without the specular fan, for a turntable: the game
// rotates this image and draws Sheen over it unrotated, because a real
// record's highlight stays put while the record turns under it.
func (c *Cache) DiscUnlit(d *engine.Disc, sizePX int) (*image.NRGBA, error) {
	return c.disc(d, sizePX, false)
}

func (c *Cache) disc(d *engine.Disc, sizePX int, lit bool) (*image.NRGBA, error) {
	if d == nil {
		return nil, fmt.Errorf("render: no disc")
	}
	if d.Len() <= 0 || d.SamplesPerRev() <= 0 {
		return nil, fmt.Errorf("render: disc has no groove")
	}
	s, err := c.surface(d.Params, sizePX)
	if err != nil {
		return nil, err
	}
	im := cloneNRGBA(s)
	g := NewGeometry(d.Params, sizePX)
	pol := newPolar(d)
	breathe.Point()
	shadeGrooves(im, d.Params, g, pol, lit)
	// One overlay layer for both: at export sizes a layer is big.
	overlay(im, func(dc *gg.Context) {
		leadInOut(dc, d, g)
		markShapes(dc, d.Marks(), d.Params, g)
	})
	return im, nil
}

func (c *Cache) surface(p engine.Params, sizePX int) (*image.NRGBA, error) {
	if err := checkSize(sizePX); err != nil {
		return nil, err
	}
	if err := p.Validate(); err != nil {
		return nil, fmt.Errorf("render: %w", err)
	}
	c.mu.Lock()
	for i, e := range c.entries {
		if e.p == p && e.size == sizePX {
			c.entries = append(append(c.entries[:i:i], c.entries[i+1:]...), e)
			c.mu.Unlock()
			return e.im, nil
		}
	}
	c.mu.Unlock()
	im, err := drawSurface(p, sizePX)
	if err != nil {
		return nil, err
	}
	c.mu.Lock()
	c.entries = append(c.entries, cacheEntry{p: p, size: sizePX, im: im})
	if len(c.entries) > cacheEntries {
		c.entries = c.entries[len(c.entries)-cacheEntries:]
	}
	c.mu.Unlock()
	return im, nil
}

// drawSurface is the uncut disc: the part of the film under the disc (or a
// black blank), the scissor-cut edge, the burned hole and the title.
func drawSurface(p engine.Params, sizePX int) (*image.NRGBA, error) {
	g := NewGeometry(p, sizePX)
	var im *image.NRGBA
	if p.Material == engine.MaterialFilm {
		film := p.Film
		if film == "" {
			film = "chest"
		}
		// Where on the 35 cm film the disc was cut is the seed's choice.
		span := float64(sizePX) / g.PXPerMM / FilmMM
		r := newRNG(p.Seed, "crop")
		room := (1 - span) / 2 * 0.8
		o := pt{0.5 - span/2 + r.rangef(-room, room), 0.5 - span/2 + r.rangef(-room, room)}
		var err error
		if im, err = filmView(film, p.Seed, sizePX, o, span); err != nil {
			return nil, err
		}
	} else {
		im = blankSurface(p, g)
	}
	breathe.Point()
	drawTitle(im, p, g)
	breathe.Point()
	cutOut(im, p, g)
	breathe.Point()
	burnHole(im, p, g)
	return im, nil
}

func cloneNRGBA(s *image.NRGBA) *image.NRGBA {
	return &image.NRGBA{Pix: append([]uint8(nil), s.Pix...), Stride: s.Stride, Rect: s.Rect}
}
