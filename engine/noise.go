package engine

import (
	"math"
	"math/rand/v2"
	"sort"
)

// Surface faults. A scratch is a radial gash: it crosses every turn it spans
// at (almost) the same angle, so it clicks once per revolution. A dust speck
// of 0.3–1.2 mm lies across a few neighbouring turns and clicks on each of
// them, again one revolution apart. Both are added to the wall geometry, so
// the tip (dilation + footprint) shapes the click like any other wall detail.

// seedMarks scatters dust and scratches over the programme area from the
// disc's seed. X-ray film was handled and stored carelessly (the bone
// records were sold hand to hand), so film gets more of both.
func seedMarks(d *Disc) []Mark {
	p := d.Params
	rng := rand.New(rand.NewPCG(p.Seed, 0x6d61726b73)) // "marks"
	nScratch, nDust := 3, 40
	switch p.Material {
	case MaterialShellac:
		nScratch, nDust = 1, 25
	case MaterialVinyl:
		nScratch, nDust = 0, 12
	}
	rOut := d.RadiusMM(d.ProgrammeStart())
	rIn := d.RadiusMM(d.ProgrammeEnd())
	if rOut-rIn < 0.5 {
		return nil
	}
	marks := make([]Mark, 0, nScratch+nDust)
	for i := 0; i < nScratch; i++ {
		marks = append(marks, Mark{Kind: MarkScratch,
			RadiusMM: rIn + rng.Float64()*(rOut-rIn), AngleRad: rng.Float64() * 2 * math.Pi,
			LengthMM: 3 + 22*rng.Float64(), DepthUM: 1.5 + 3*rng.Float64()})
	}
	for i := 0; i < nDust; i++ {
		marks = append(marks, Mark{Kind: MarkDust,
			RadiusMM: rIn + rng.Float64()*(rOut-rIn), AngleRad: rng.Float64() * 2 * math.Pi,
			LengthMM: 0.3 + 0.9*rng.Float64(), DepthUM: 2 + 6*rng.Float64()})
	}
	return marks
}

// event is one defect on one turn of the groove.
type event struct {
	at      int     // groove sample
	left    float64 // push on the left wall, µm
	right   float64 // push on the right wall, µm
	widthUM float64 // along the groove
}

// maxEvents bounds the defect list (a hostile file's marks cannot balloon memory).
const maxEvents = 1 << 17

// events indexes defects by wear block for O(1) lookup while tracing.
type events struct {
	list  []event
	start []int32 // list index of the first event in block b (CSR, len blocks+1)
}

func buildEvents(d *Disc, seed uint64) *events {
	rng := rand.New(rand.NewPCG(seed, 0x636c69636b)) // "click"
	n := d.n
	var list []event
	turns := len(d.groove)/n + 1
	for _, m := range d.marks {
		if m.Kind == MarkSkip {
			continue
		}
		off := int(math.Round(m.AngleRad / (2 * math.Pi) * float64(n)))
		off = ((off % n) + n) % n
		for t := 0; t < turns; t++ {
			i := t*n + off
			if i >= len(d.groove) {
				break
			}
			if math.Abs(d.RadiusMM(i)-m.RadiusMM) > m.LengthMM/2 {
				continue
			}
			e := event{at: i}
			sgn := 1.0
			if rng.IntN(2) == 0 {
				sgn = -1
			}
			if m.Kind == MarkScratch {
				// a gash through both walls with raised burrs
				e.left = sgn * m.DepthUM * (0.6 + 0.4*rng.Float64())
				e.right = -sgn * m.DepthUM * (0.6 + 0.4*rng.Float64())
				e.widthUM = 15 + 15*rng.Float64()
			} else {
				// a particle wedged against one wall pushes the tip away from it
				e.widthUM = 20 + 30*rng.Float64()
				if sgn > 0 {
					e.left = m.DepthUM * (0.5 + 0.5*rng.Float64())
				} else {
					e.right = -m.DepthUM * (0.5 + 0.5*rng.Float64())
				}
			}
			if len(list) < maxEvents {
				list = append(list, e)
			}
		}
	}
	sort.SliceStable(list, func(a, b int) bool { return list[a].at < list[b].at })
	nb := len(d.groove)/BlockSize + 2
	ev := &events{list: list, start: make([]int32, nb+1)}
	k := 0
	for b := 0; b <= nb; b++ {
		for k < len(list) && list[k].at < b*BlockSize {
			k++
		}
		ev.start[b] = int32(k)
	}
	return ev
}

// near reports whether apply may change the walls at sample j: whether any
// defect is listed for j's cell or its neighbours (apply's own test).
func (ev *events) near(j int) bool {
	if len(ev.list) == 0 || j < 0 {
		return false
	}
	b := j / BlockSize
	lo, hi := max(b-1, 0), min(b+2, len(ev.start)-1)
	return ev.start[lo] != ev.start[hi]
}

// apply adds the defects near sample j to the two walls.
func (ev *events) apply(j int, l, r float64, d *Disc) (float64, float64) {
	if len(ev.list) == 0 || j < 0 {
		return l, r
	}
	b := j / BlockSize
	lo, hi := b-1, b+2
	if lo < 0 {
		lo = 0
	}
	if hi >= len(ev.start) {
		hi = len(ev.start) - 1
	}
	s, e := ev.start[lo], ev.start[hi]
	if s == e {
		return l, r
	}
	arc := d.arcUM(float64(j))
	for _, x := range ev.list[s:e] {
		u := float64(j-x.at) * arc / x.widthUM
		if u > -3 && u < 3 {
			g := math.Exp(-0.5 * u * u)
			l += x.left * g
			r += x.right * g
		}
	}
	return l, r
}

// rumble is the turntable's low-frequency vibration at the stylus: the motor
// line (25 Hz) plus a random low rumble below ~15 Hz, deterministic per seed.
type rumble struct {
	ampUM     float64
	c, s      float64 // 25 Hz phasor
	cr, sr    float64
	lp1, lp2  float64
	seed, n   uint64
	k         float64
	i         int
	prev, cur float64
}

func newRumble(ampUM float64, seed uint64) *rumble {
	rng := rand.New(rand.NewPCG(seed, 0x72756d626c65)) // "rumble"
	ph := rng.Float64() * 2 * math.Pi
	w := 2 * math.Pi * 25 * rumbleStep / EngineRate
	return &rumble{ampUM: ampUM, c: math.Cos(ph), s: math.Sin(ph), cr: math.Cos(w), sr: math.Sin(w),
		seed: rng.Uint64(), k: 1 - math.Exp(-2*math.Pi*15*rumbleStep/EngineRate)}
}

// next returns the rumble at the next sample. Nothing in it is above 40 Hz,
// so it is computed every rumbleStep samples and interpolated.
func (r *rumble) next() float64 {
	if r.i == 0 {
		r.prev = r.cur
		r.cur = r.step()
	}
	f := float64(r.i) / rumbleStep
	r.i = (r.i + 1) % rumbleStep
	return r.prev + f*(r.cur-r.prev)
}

const rumbleStep = 16

func (r *rumble) step() float64 {
	r.c, r.s = r.c*r.cr-r.s*r.sr, r.c*r.sr+r.s*r.cr
	m := 1.5 - 0.5*(r.c*r.c+r.s*r.s) // keep the phasor on the unit circle
	r.c, r.s = r.c*m, r.s*m
	r.n++
	w, _ := tri2(splitmix64(r.seed ^ r.n))
	r.lp1 += (w - r.lp1) * r.k
	r.lp2 += (r.lp1 - r.lp2) * r.k
	return r.ampUM * (0.4*r.s + 3*r.lp2)
}
