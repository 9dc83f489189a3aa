package render

import (
	"image"
	"math"

	"github.com/fogleman/gg"

	"bonemusic/engine"
	"bonemusic/internal/breathe"
)

// runOutMM mirrors the engine's run-out travel (engine/disc.go) so a blank's
// label stays clear of where the run-out will go.
const runOutMM = 4.0

// lightRad is where the light comes from (upper left), in the Geometry angle
// convention. Concentric grooves mirror it back along the radius that points
// at the light, so the band shows the familiar bright fan on both sides of
// the centre.
const lightRad = 2.35

// polar is the groove state resampled on a (ring × angle) grid, one ring per
// turn of the programme, so the per-pixel pass only does lookups.
type polar struct {
	rIn, rOut float64   // programme band, mm
	binMM     float64   // ring width: one groove pitch
	nr, na    int       // rings, angle bins
	wear      []float32 // nr·na, 0 fresh .. 1 worn through
	mod       []float32 // nr: how strongly each turn is modulated, 0..1
}

// newPolar reads the engine's groove: modulation (fresh lateral rms per
// turn, quiet turns stay glossy, loud ones scatter light) and wear.
func newPolar(d *engine.Disc) *polar {
	n := d.SamplesPerRev()
	ps, pe := d.ProgrammeStart(), d.ProgrammeEnd()
	pol := &polar{na: 256, binMM: d.Params.PitchMM()}
	pol.rOut = d.RadiusMM(ps)
	pol.rIn = d.RadiusMM(max(ps, pe-1))
	pol.nr = int((pol.rOut-pol.rIn)/pol.binMM) + 2
	pol.wear = make([]float32, pol.nr*pol.na)
	pol.mod = make([]float32, pol.nr)
	cnt := make([]float32, pol.nr*pol.na)
	modCnt := make([]float32, pol.nr)
	stride := max(1, n/(2*pol.na))
	for i := ps; i < pe; i += stride {
		rb := pol.ring(d.RadiusMM(i))
		if rb < 0 {
			continue
		}
		ab := int(d.AngleRad(i)/(2*math.Pi)*float64(pol.na)) % pol.na
		k := rb*pol.na + ab
		pol.wear[k] += float32(d.Wear(i))
		cnt[k]++
		lat := d.FreshLateralUM(i)
		pol.mod[rb] += float32(lat * lat)
		modCnt[rb]++
	}
	for k := range pol.wear {
		if cnt[k] > 0 {
			pol.wear[k] /= cnt[k]
		}
	}
	// A few µm rms is a quiet passage; ~15 µm is loud (a 10 cm/s cut at
	// 1 kHz swings about ±16 µm).
	for k := range pol.mod {
		if modCnt[k] > 0 {
			pol.mod[k] = float32(clamp01(math.Sqrt(float64(pol.mod[k]/modCnt[k])) / 15))
		}
	}
	return pol
}

func (p *polar) ring(rMM float64) int {
	rb := int((p.rOut - rMM) / p.binMM)
	if rb < 0 || rb >= p.nr {
		return -1
	}
	return rb
}

// at returns wear and modulation at a radius and angle.
func (p *polar) at(rMM, a float64) (wear, mod float64) {
	rb := p.ring(rMM)
	if rb < 0 {
		return 0, 0
	}
	f := a / (2 * math.Pi) * float64(p.na)
	a0 := int(f)
	t := f - float64(a0)
	w0 := p.wear[rb*p.na+a0%p.na]
	w1 := p.wear[rb*p.na+(a0+1)%p.na]
	return float64(w0) + (float64(w1)-float64(w0))*t, float64(p.mod[rb])
}

// fan is the specular highlight of concentric grooves lit from lightRad:
// strongest on the radius towards (and away from) the light.
func fan(a, width float64) float64 {
	d := math.Remainder(a-lightRad, math.Pi)
	return math.Exp(-(d * d) / (width * width))
}

// sheen is the specular part of the band's light at angle a on a turn of
// modulation mod: loud turns spread the reflection wider and dimmer.
func sheen(a, mod float64) float64 {
	return 0.6 * fan(a, 0.16+0.25*mod) * (1 - 0.3*mod)
}

// shadeGrooves lays the programme band over the surface: fine concentric
// rings, a glossy fan, more scatter where the groove is loud, and where it
// has been played, a dull milky scuffing in proportion to the engine's wear.
func shadeGrooves(im *image.NRGBA, p engine.Params, g Geometry, pol *polar, lit bool) {
	b := im.Bounds()
	pitchPX := g.PX(pol.binMM)
	ringAmp := clamp01((pitchPX-1.5)/2) * 0.05 // rings only where they resolve
	reach := g.PX(pol.rOut + 0.5)
	x0, x1 := max(b.Min.X, int(g.CenterX-reach)), min(b.Max.X, int(g.CenterX+reach)+1)
	y0, y1 := max(b.Min.Y, int(g.CenterY-reach)), min(b.Max.Y, int(g.CenterY+reach)+1)
	edge := math.Max(0.25, 1/g.PXPerMM) // soft band edge, mm
	scuffSeed := p.Seed ^ 0x5C0FF
	parallelRows(y1-y0, func(r0, r1 int) {
		shadeRows(im, g, pol, y0+r0, y0+r1, x0, x1, ringAmp, edge, scuffSeed, lit)
	})
}

func shadeRows(im *image.NRGBA, g Geometry, pol *polar, y0, y1, x0, x1 int, ringAmp, edge float64, scuffSeed uint64, lit bool) {
	b := im.Bounds()
	for y := y0; y < y1; y++ {
		for x := x0; x < x1; x++ {
			r, a := g.ToMM(float64(x)+0.5, float64(y)+0.5)
			if r < pol.rIn-edge || r > pol.rOut+edge {
				continue
			}
			o := (y-b.Min.Y)*im.Stride + (x-b.Min.X)*4
			px := im.Pix[o : o+4]
			if px[3] == 0 {
				continue
			}
			in := clamp01((r-pol.rIn+edge)/(2*edge)) * clamp01((pol.rOut+edge-r)/(2*edge))
			wear, mod := pol.at(r, a)
			// Wear shows early: at half of the engine's scale the groove is
			// already as dull as it gets.
			worn := math.Min(1, 2*wear)
			gloss := 1 - 0.85*worn
			s := 0.1 + 0.12*mod
			if lit {
				s += gloss * sheen(a, mod)
			}
			s += ringAmp * math.Cos(2*math.Pi*(pol.rOut-r)/pol.binMM)
			s = clamp01(s) * in
			// Scuffs run along the groove: stretched noise, fine across it.
			scuff := valueNoise(r*6, a*r*0.3, scuffSeed)
			haze := worn * 0.4 * (0.5 + scuff) * in
			for c, hi := range [3]float64{228, 236, 250} {
				v := float64(px[c])
				v += (hi - v) * s
				v += (172 - v) * haze
				px[c] = uint8(v + 0.5)
			}
		}
	}
}

// leadInOut draws the coarse lead-in spiral from the edge to the
// programme and the run-out spiral to the closed locked groove, following
// the engine's own spiral so the picture and the player agree.
func leadInOut(dc *gg.Context, d *engine.Disc, g Geometry) {
	n := d.SamplesPerRev()
	step := max(1, n/240)
	w := math.Max(1, g.PX(d.GrooveWidthUM()/1000))
	dc.SetLineWidth(w)
	dc.SetLineCap(gg.LineCapRound)
	seg := func(from, to int) {
		px, py := g.ToPX(d.RadiusMM(from), d.AngleRad(from))
		for i := from + step; i <= to; i += step {
			x, y := g.ToPX(d.RadiusMM(i), d.AngleRad(i))
			dc.SetRGBA(0.9, 0.93, 1, 0.25+0.6*fan(d.AngleRad(i), 0.3))
			dc.DrawLine(px, py, x, y)
			dc.Stroke()
			breathe.Point()
			px, py = x, y
		}
	}
	seg(0, d.ProgrammeStart())
	seg(d.ProgrammeEnd(), d.Len()-1)
}
