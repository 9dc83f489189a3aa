package render

import (
	"math"

	"bonemusic/engine"
)

// discMarginFrac leaves room around the nominal diameter for the scissors
// overshoot, so a jagged edge is never clipped by the image border.
const discMarginFrac = 0.04

// Geometry maps millimetres on a disc to pixels in a disc image of SizePX.
// The groove spiral is centred on (CenterX, CenterY), the image centre; the
// burned spindle hole is off that centre by the disc's eccentricity. A
// record turns on its spindle, so the game must rotate the image about
// (HoleX, HoleY), not about the image centre — that off-centre turning is
// the wow the engine plays.
//
// Angles follow the engine's AngleRad: 0 along +x, growing counter-clockwise
// on screen, which is the direction the stylus travels over a disc turning
// clockwise; y grows downwards in the image, so y = CenterY − r·sin θ.
type Geometry struct {
	SizePX           int
	DiameterMM       float64
	PXPerMM          float64
	CenterX, CenterY float64 // groove centre, px
	HoleX, HoleY     float64 // spindle hole centre, px
	HoleRadiusMM     float64 // nominal radius of the hole
}

// NewGeometry lays out a disc of parameters p in a square image of sizePX.
func NewGeometry(p engine.Params, sizePX int) Geometry {
	g := Geometry{SizePX: sizePX, DiameterMM: p.DiameterMM}
	g.PXPerMM = float64(sizePX) / (p.DiameterMM * (1 + discMarginFrac))
	g.CenterX, g.CenterY = float64(sizePX)/2, float64(sizePX)/2
	g.HoleX, g.HoleY = g.ToPX(p.EccentricityMM, p.EccentricityRad)
	g.HoleRadiusMM = holeRadiusMM(p)
	return g
}

// holeRadiusMM: a pressed record's centre hole is about 7.2 mm across and
// fits the spindle; a hole burned with a cigarette came out larger.
func holeRadiusMM(p engine.Params) float64 {
	if p.Material == engine.MaterialFilm {
		return 4.2
	}
	return 3.65
}

// ToPX is the pixel position of the point at radiusMM and angleRad about the
// groove centre.
func (g Geometry) ToPX(radiusMM, angleRad float64) (x, y float64) {
	s, c := math.Sincos(angleRad)
	return g.CenterX + radiusMM*c*g.PXPerMM, g.CenterY - radiusMM*s*g.PXPerMM
}

// ToMM is the polar position (about the groove centre) of pixel (x, y);
// the angle is in [0, 2π).
func (g Geometry) ToMM(x, y float64) (radiusMM, angleRad float64) {
	dx, dy := (x-g.CenterX)/g.PXPerMM, (g.CenterY-y)/g.PXPerMM
	a := math.Atan2(dy, dx)
	if a < 0 {
		a += 2 * math.Pi
	}
	return math.Hypot(dx, dy), a
}

// PX converts a length in millimetres to pixels.
func (g Geometry) PX(mm float64) float64 { return mm * g.PXPerMM }
