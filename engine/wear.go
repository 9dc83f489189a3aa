package engine

import "math"

// Wear. Each play removes material from the walls of every cell the stylus
// passes, by Archard's law (J. F. Archard, "Contact and rubbing of flat
// surfaces", J. Appl. Phys. 24 (1953) 981): volume per sliding length
// k·F/H, spread over the contact 2a, so a depth h = k·F/(H·2a) per pass.
// What makes it depend on the music (docs/physics.md, "Wear"):
//
//   - Load. F is the static share of the tracking force on one 45° wall,
//     0.71·F_track, plus the force m·κ·v² the wall spends bending the tip's
//     path round the groove's curves (κ the curvature, v the groove speed).
//   - Contact. The tip meets a crest of curvature κ with an effective radius
//     R/√(1+R·κ) (sphere on a curved wall), so loud treble and inner turns
//     concentrate the load. Where the elastic (Hertz) pressure would exceed
//     the film's hardness H, the contact is plastic: it spreads until the
//     mean pressure is H (a = √(F/πH)) and the tip ploughs.
//   - Severity. The wear coefficient grows with the overload p/H of the
//     pickup on a smooth wall (a 120 g steel needle ploughs film at 3.8·H, a
//     crystal pickup at 2.4·H), and much faster with the local excess over
//     it, (p/p_smooth)^localExp: the first pass ploughs a track that fits
//     the smooth groove (shakedown), so only where crests and the dynamic
//     load raise the pressure above it does the severe wear go on. The
//     silent groove wears least; loud treble wears about twice as fast on
//     the outer turns and three times on the inner ones (TestWearFollowsTheMusic).
//   - Chatter. Where the force the modulation needs, m·a, nears what the
//     worn walls can give (grip, below), the tip rattles between the walls
//     and hammers them: the wear grows as 1/(1−u), u = m·a/(F_track·grip).
//     Loud spots lose their walls first, which loses them more grip: a
//     worn disc fails from its loudest and shallowest places outwards.
//   - The needle. A steel needle wears too (needle.go): its flat widens the
//     footprint and its edges scrape like a chisel.
//
// What the removed material does to the groove, per cell:
//   - Smoothing: erosion at a rate proportional to curvature is a diffusion
//     along the groove, a Gaussian of variance σ² that grows by 2·c·h·a per
//     pass (c = smoothGain): treble goes first.
//   - Wall height falls by h: the wall's grip on the tip. Where the grip no
//     longer gives the force loud treble needs, the tip mistracks (its sound
//     breaks up) and then jumps the groove (stream.go).
//   - Roughness grows with h. Film, a soft polymer, tears once its wall has
//     lost tearUM and then roughens ever faster (hiss, then crackle); hard
//     filled shellac wears smooth.
//
// k for film and the severity exponent are tuned to the historical accounts
// (docs/physics.md); shellac to GOST 5289-61. No laboratory measurement of
// bone records exists.
const (
	smoothGain = 1.5 // c above, dimensionless
	localExp   = 6   // severity exponent of the local pressure excess (tuned; wearCell multiplies it out)
)

// wearCtx is one play's contact physics, the same for every cell.
type wearCtx struct {
	d      *Disc
	m      materialProps
	eStar  float64 // contact modulus of the disc, Pa
	hard   float64 // disc hardness, Pa
	tipR   float64 // tip radius, m
	fS     float64 // static normal load on one wall, N
	mass   float64 // effective tip mass, kg
	k      float64 // Archard coefficient: disc × tip abrasion
	revS   float64 // playing revolutions per second
	over0  float64 // overload p/H of the static load on a smooth wall
	needle needle
	tick   func(b int) // if set, called every few thousand cells (progress)
}

func newWearCtx(d *Disc, pk Pickup, rpm float64, nd needle) wearCtx {
	m := d.Params.Material.props()
	c := wearCtx{
		d: d, m: m,
		eStar:  m.contactModulusPa(),
		hard:   m.hardnessMPa * 1e6,
		tipR:   pk.TipRadiusUM * 1e-6,
		fS:     0.7071 * pk.ForceGrams * 1e-3 * 9.81,
		mass:   pk.TipMassMG * 1e-6,
		k:      m.wearK * pk.Abrasion,
		revS:   rpm / 60,
		needle: nd,
	}
	_, c.over0 = c.contact(c.fS, 0)
	return c
}

// contact is the contact half-length a (m) and the elastic overload p/H for
// a load F (N) on a crest of curvature kappa (1/m). A worn needle's flat is
// left out: its edges, not its face, bear on the wall (needle.go).
func (c *wearCtx) contact(F, kappa float64) (a, overload float64) {
	return contactOn(F, c.tipR/math.Sqrt(1+c.tipR*kappa), c.eStar, c.hard, 0)
}

// contactOn is the contact of a tip of radius reff (m) pressed by F (N) into
// a wall of contact modulus eStar and hardness hard (Pa): the Hertz
// half-length (Hertz 1882; Johnson, Contact Mechanics, 1985, §4.2), widened
// by a flat of radius flat (m); where the mean pressure would pass the
// hardness the wall yields and the contact spreads until it is H.
func contactOn(F, reff, eStar, hard, flat float64) (a, overload float64) {
	aH := math.Cbrt(3 * F * reff / (4 * eStar))
	aE := math.Sqrt(aH*aH + flat*flat)
	pE := F / (math.Pi * aE * aE)
	a = aE
	if pE > hard {
		a = math.Sqrt(F / (math.Pi * hard))
	}
	return a, pE / hard
}

// speedAt is the groove speed under the stylus at cell b, m/s.
func (c *wearCtx) speedAt(b int) float64 {
	r := c.d.radiusAt(float64(b*BlockSize + BlockSize/2))
	return 2 * math.Pi * r * 1e-3 * c.revS
}

// cellLoad is cell b's rms and peak lateral acceleration of the tip (m/s²)
// and its peak curvature, after the wear so far.
func (c *wearCtx) cellLoad(b int) (accRMS, accPeak, kappaPeak float64) {
	d := c.d
	kr, kp := d.curvature(b, float64(d.smoothUM2[b]))
	v := c.speedAt(b)
	return kr * v * v, kp * v * v, kp
}

// wearCell applies passes of the stylus to cell b with the needle's edge
// factor edge, and returns the depth removed per pass, µm.
func (c *wearCtx) wearCell(b int, passes, edge float64) float64 {
	if !(passes > 0) || c.fS <= 0 || c.tipR <= 0 {
		return 0 // a weightless point touches nothing
	}
	accRMS, accPeak, kp := c.cellLoad(b)
	F := c.fS + c.mass*accRMS
	a, over := c.contact(F, kp)
	rel := over / c.over0
	u := 0.9
	if g := c.d.grip(b, c.tipR*1e6); g > 0 {
		u = math.Min(u, c.mass*accPeak/(c.fS/0.7071*g))
	}
	chatter := 1 / (1 - u)
	rel2 := rel * rel
	h := c.k * edge * F / (c.hard * 2 * a) * c.over0 * rel2 * rel2 * rel2 * chatter * 1e6 // µm per pass
	d := c.d
	total := h * passes
	d.wallUM[b] = float32(math.Max(0, float64(d.wallUM[b])-total))
	d.smoothUM2[b] = float32(math.Min(float64(d.smoothUM2[b])+2*smoothGain*total*a*1e6, 1e6))
	tear := 1.0
	if t := c.m.tearUM; t > 0 {
		lost := d.freshWallUM(b) - float64(d.wallUM[b])
		tear += (lost / t) * (lost / t)
	}
	d.roughUM[b] = float32(math.Min(float64(d.roughUM[b])+c.m.roughGain*total*tear, 5))
	return h
}

// wearPass wears every cell with passes(b) > 0 in groove order, the needle
// wearing as it slides, and returns the needle flat radius at the end, m.
func (c *wearCtx) wearPass(lo, hi int, passes func(b int) float64) float64 {
	nd := &c.needle
	for b := max(lo, 0); b < hi && b < len(c.d.wallUM); b++ {
		if c.tick != nil && b&2047 == 0 {
			c.tick(b)
		}
		p := passes(b)
		if p <= 0 {
			continue
		}
		c.wearCell(b, p, nd.edge())
		nd.slide(p * BlockSize * c.d.arcUM(float64(b*BlockSize+BlockSize/2)) * 1e-6)
	}
	return nd.flatM()
}

// applyWear applies one play's wear pass to the cells the player traced.
func (d *Disc) applyWear(p *Player) float64 {
	c := newWearCtx(d, p.opt.Pickup, p.opt.RPM, p.needleStart)
	return c.wearPass(0, len(p.slide), func(b int) float64 { return float64(p.slide[b]) / BlockSize })
}

// grip is the share of the tracking force the walls of cell b can turn into
// sideways push on a tip of radius tipUM. On a fresh 45° wall a push L
// lifts the tip by L·cot 45° = L, so the whole force is available; as the
// wall above the contact point (0.71·R above the bottom of a 90° V) wears
// away, its face rounds over and the same push lifts the tip more. The
// grip is taken as falling linearly with the wall left above the contact.
func (d *Disc) grip(b int, tipUM float64) float64 {
	fresh := d.Params.Material.props().depthUM - 0.7071*tipUM
	if fresh <= 0 || b < 0 || b >= len(d.wallUM) {
		return 0
	}
	return math.Max(0, math.Min(1, (float64(d.wallUM[b])-0.7071*tipUM)/fresh))
}

// LateralUM is the current (worn) lateral displacement of the groove centre:
// the fresh groove smoothed by the wear accumulated in its cell.
func (d *Disc) LateralUM(i int) float64 {
	if len(d.groove) == 0 {
		return 0
	}
	i = d.clampIndex(i)
	if len(d.smoothUM2) == 0 {
		return d.FreshLateralUM(i)
	}
	s2 := float64(d.smoothUM2[i/BlockSize])
	arc := d.arcUM(float64(i))
	sig := math.Sqrt(s2) / arc
	if sig < 0.05 {
		return d.FreshLateralUM(i)
	}
	n := min(int(math.Ceil(3*sig)), maxHalf)
	var sum, wsum float64
	for k := -n; k <= n; k++ {
		w := math.Exp(-0.5 * float64(k*k) / (sig * sig))
		j := i + k
		if j >= 0 && j < len(d.groove) {
			sum += w * float64(d.groove[j])
		}
		wsum += w
	}
	return sum / wsum * d.scaleUM
}

// SmoothingUM is the wear smoothing σ at sample i, µm along the groove.
func (d *Disc) SmoothingUM(i int) float64 {
	if len(d.smoothUM2) == 0 {
		return 0
	}
	return math.Sqrt(float64(d.smoothUM2[d.block(i)]))
}
