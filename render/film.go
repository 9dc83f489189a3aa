package render

import (
	"fmt"
	"image"
	"math"
)

// Size limits for every picture render makes: below MinSizePX nothing is
// recognisable, above MaxSizePX one image would take hundreds of megabytes.
const (
	MinSizePX = 16
	MaxSizePX = 8192
)

// FilmMM is the physical edge of the (square) film: 35 cm, the common large
// chest size (14 × 14 in), so a 250–300 mm disc can be cut from it.
const FilmMM = 350.0

// anatomy draws one radiograph's tissues into b and returns its look.
type anatomy func(b *body, r *rng) look

// look is what a film's drawing tells the developer: how hard the exposure
// was and how much the soft tissue shows.
type look struct {
	softK, boneK float64 // attenuation per unit thickness
	softBlur     float64 // soft-tissue blur, unit coords
}

func anatomyFor(name string) (anatomy, error) {
	switch name {
	case "chest":
		return drawChest, nil
	case "skull":
		return drawSkull, nil
	case "hands":
		return drawHands, nil
	case "spine":
		return drawSpine, nil
	case "pelvis":
		return drawPelvis, nil
	case "knee":
		return drawKnee, nil
	}
	return nil, fmt.Errorf("render: unknown film %q (want chest, skull, hands, spine, pelvis or knee)", name)
}

func checkSize(sizePX int) error {
	if sizePX < MinSizePX || sizePX > MaxSizePX {
		return fmt.Errorf("render: size %d px is outside %d–%d px", sizePX, MinSizePX, MaxSizePX)
	}
	return nil
}

// Film draws the named radiograph as it looks held up to a light: a square
// sizePX × sizePX image of the whole FilmMM film. The seed varies pose,
// exposure, scratches, fingerprints and the hospital's marks. Punched filing
// holes are transparent.
func Film(name string, seed uint64, sizePX int) (*image.NRGBA, error) {
	if err := checkSize(sizePX); err != nil {
		return nil, err
	}
	return filmView(name, seed, sizePX, pt{0, 0}, 1)
}

// filmView renders the square part of the film starting at unit point o with
// unit edge span into outPX pixels: the disc only needs the middle of the film.
func filmView(name string, seed uint64, outPX int, o pt, span float64) (*image.NRGBA, error) {
	draw, err := anatomyFor(name)
	if err != nil {
		return nil, err
	}
	// Anatomy is soft by nature (scatter, geometric unsharpness), so it is
	// built at a lower resolution and upscaled; grain and marks are drawn at
	// full resolution afterwards.
	full := float64(outPX) / span // pixels the whole film would take
	n := clampInt(int(max(full*0.38, min(full, 256))), 64, 640)
	light := developed(draw, seed, n, name)
	im := image.NewNRGBA(image.Rect(0, 0, outPX, outPX))
	sc := span / float64(outPX) // unit coords per output pixel
	grainSeed := seed ^ 0x6A09E667F3BCC908
	lut := filmLUT()
	parallelRows(outPX, func(y0, y1 int) {
		for y := y0; y < y1; y++ {
			uy := o.y + (float64(y)+0.5)*sc
			row := im.Pix[y*im.Stride:]
			for x := 0; x < outPX; x++ {
				ux := o.x + (float64(x)+0.5)*sc
				v := float64(light.sample(ux*float64(n)-0.5, uy*float64(n)-0.5))
				// Per-pixel grain; the coarser quantum mottle is in light already.
				g := (hash2(int32(x), int32(y), grainSeed) - 0.5) * 0.03
				v = clamp01(v + g*(0.4+v))
				c := lut[int(v*(lutSize-1)+0.5)]
				row[x*4], row[x*4+1], row[x*4+2], row[x*4+3] = c[0], c[1], c[2], 255
			}
		}
	})
	addFilmMarks(im, name, seed, o, span)
	return im, nil
}

const lutSize = 1024

// filmLUT maps light through the film (0 black .. 1 clear) to the blue-grey
// of a 1950s film on a light box: the base was tinted blue, so even clear
// film looks cool, and dense silver is a blue-black. A table, because two
// Pow calls per pixel were half the render time.
func filmLUT() *[lutSize][3]uint8 {
	var t [lutSize][3]uint8
	for i := range t {
		v := float64(i) / (lutSize - 1)
		r := 0.012 + 0.86*math.Pow(v, 1.12)
		g := 0.018 + 0.90*v
		b := 0.035 + 0.95*math.Pow(v, 0.9)
		t[i] = [3]uint8{uint8(clamp01(r)*255 + 0.5), uint8(clamp01(g)*255 + 0.5), uint8(clamp01(b)*255 + 0.5)}
	}
	return &t
}

// developed draws the anatomy and develops it: X-rays through the body
// expose the film, so thick bone leaves it clear (light) and open beam
// blackens it. Returns light transmitted through the film, 0..1, at n×n.
func developed(draw anatomy, seed uint64, n int, name string) *field {
	b := newBody(n)
	lk := draw(b, newRNG(seed, "pose:"+name))
	tex := newRNG(seed, "texture:"+name).u64()
	b.soft.blur(lk.softBlur * float64(n))
	b.bone.blur(0.0012*float64(n) + 0.5)
	er := newRNG(seed, "exposure:"+name)
	expo := er.rangef(0.75, 1.35)    // technique varied from shot to shot
	heelA := er.rangef(0, 2*math.Pi) // anode heel: the beam is stronger on one side
	heelK := er.rangef(0.08, 0.2)
	hx, hy := math.Cos(heelA), math.Sin(heelA)
	out := newField(n, n)
	inv := 1 / float64(n)
	curve := toneCurve()
	parallelRows(n, func(y0, y1 int) {
		for y := y0; y < y1; y++ {
			uy := (float64(y)+0.5)*inv - 0.5
			for x := 0; x < n; x++ {
				ux := (float64(x)+0.5)*inv - 0.5
				i := y*n + x
				bone := float64(b.bone.pix[i])
				if bone > 0.01 {
					// Trabecular texture: spongy bone is not uniform.
					bone *= 0.85 + 0.3*fbm(ux*90, uy*90, 2, tex)
				}
				att := float64(b.soft.pix[i])*lk.softK + bone*lk.boneK +
					(valueNoise(ux*200, uy*200, tex^1)-0.5)*0.06 // quantum mottle
				beam := expo * (1 + heelK*(ux*hx+uy*hy)*2) * (1 - 0.35*(ux*ux+uy*uy))
				out.pix[i] = curve.at(beam * math.Exp(-att))
			}
		}
	})
	return out
}

// tone is the film's response, tabulated: exposure in, light through the
// film on a light box out.
type tone struct{ t [1025]float32 }

const toneMaxE = 2.0 // the strongest exposure the heel and technique allow

// toneCurve tabulates the characteristic (H&D) curve — optical density
// saturates with exposure, from the base's fog to about 3 — and the viewing
// gamma (10^-D)^0.42, lifted a little for a bright light box.
func toneCurve() *tone {
	var c tone
	for i := range c.t {
		e := float64(i) / float64(len(c.t)-1) * toneMaxE
		d := 0.18 + 2.9*(1-math.Exp(-2.2*e))
		c.t[i] = float32(math.Min(1, 1.2*math.Exp(-0.42*math.Ln10*d)))
	}
	return &c
}

func (c *tone) at(e float64) float32 {
	f := clamp01(e/toneMaxE) * float64(len(c.t)-1)
	i := int(f)
	if i >= len(c.t)-1 {
		return c.t[len(c.t)-1]
	}
	t := float32(f - float64(i))
	return c.t[i] + (c.t[i+1]-c.t[i])*t
}
