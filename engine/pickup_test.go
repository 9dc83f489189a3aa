package engine

import (
	"fmt"
	"math"
	"math/cmplx"
	"strings"
	"testing"
)

// Pickup response tests. The calibration scores every play against the same
// pickup chain on the fresh groove, so it cannot see what the chain itself
// does: a model in which every pickup had the magnetic EQ passed every
// physics test. Here each pickup's playback response — cutting curve, cutter
// filter, groove and pickup chain, as a listener hears it — is held against
// a target of the kind published for its era, with bounds on both sides at
// every 1/3 octave from 50 Hz to 10 kHz.
//
// The response is measured two ways:
//   - analytically: |cut curve · cutter FIR · pickupChain| from response();
//   - by playing: a multitone cut onto a disc and played back through the
//     Player with wear, noise and wow off and a point stylus (no tip, no
//     force) carrying the pickup's transduction, so the tracing and
//     footprint losses of the tip (tested in calibration_test.go) stay out
//     of the transducer's curve. The two must agree: the played
//     measurement proves the whole path, the analytic one gives clean
//     numbers and lets TestPickupTargetsRejectWrongChains feed the checker
//     chains that are wrong on purpose.

// pickupTonesHz are the ISO 266 preferred 1/3-octave centres from 50 Hz to
// 10 kHz. All are whole hertz, so every tone fits a 1 s window exactly.
var pickupTonesHz = []float64{50, 63, 80, 100, 125, 160, 200, 250, 315, 400, 500, 630,
	800, 1000, 1250, 1600, 2000, 2500, 3150, 4000, 5000, 6300, 8000, 10000}

// pickupCurve is a playback response in dB relative to 1 kHz, by frequency.
type pickupCurve map[float64]float64

// pickupRule bounds a curve on both sides: lo ≤ L(f) − L(ref) ≤ hi dB, where
// ref = 0 stands for 1 kHz.
type pickupRule struct{ f, ref, lo, hi float64 }

// pickupTarget is what one pickup must do on records of one characteristic.
type pickupTarget struct {
	ch    Characteristic
	rules []pickupRule
}

// Terms used in the justifications (levels re 1 kHz on the default 78 cut,
// turnover 300 Hz: constant amplitude below, constant velocity above):
//
//	f (Hz)     50    80   100   160   200   315   500   1.6k  2k    3.15k 5k    6.3k  10k
//	D (dB)    +10.7 +10.5 +10.4 +9.8  +9.2  +7.6  +5.1  −3.9  −5.8  −9.7  −13.9 −16.1 −20.9
//	V (dB)    −15.3 −11.4 −9.6  −6.2  −4.7  −2.4  −1.0  +0.2  +0.2  +0.2  +0.1  −0.1  −0.9
//
// D is the groove's displacement, what an amplitude-responsive pickup
// (crystal) converts; V its velocity, what a velocity-responsive one (the
// soundbox, a magnetic cartridge) converts.
var pickupTargets = map[string][]pickupTarget{
	// Acoustic gramophone (steel needle, soundbox and horn) on a 78. The
	// useful band of 1920s–30s portables is about 200 Hz–4 kHz. The best
	// acoustic machine, the 1925 Orthophonic Victrola (Maxfield & Harrison,
	// "Methods of high quality recording and reproducing of music and
	// speech based on telephone research", Bell Syst. Tech. J. 5 (1926)
	// 493), its folded exponential horn about six feet long in the
	// Credenza, was reported in 1925 to have "a range of from 100 to 5,000
	// cycles"; portables, with short horns and small mouths, cut off
	// higher. Physics: the soundbox is velocity-responsive (V); the horn
	// passes nothing below its cutoff fc, falling at least 12 dB/oct
	// below it (an exponential horn's throat resistance vanishes below fc);
	// the diaphragm and stylus bar resonate a few dB somewhere between
	// ~0.8 and 3 kHz, and above the top resonance the moving mass rolls the
	// output off at about 12 dB/oct or faster.
	// Upper bounds: the gentlest plausible portable — fc = 150 Hz at
	// 12 dB/oct, top cutoff 5 kHz at 12 dB/oct — plus 6 dB for a resonance
	// (or a 1 kHz dip) in the reference. Lower bounds: the steepest — fc =
	// 250 Hz at 18 dB/oct — minus 6 dB for a resonance lifting the 1 kHz
	// reference. Above 4 kHz the upper bounds are the Orthophonic's own
	// limit, 12 dB/oct from 5 kHz re the band level, with no resonance
	// allowance (the soundbox resonances lie below 4 kHz); the lower bounds
	// there are loose, 24 dB/oct from 3.5 kHz less 6 dB, as a soundbox's
	// top may die faster still (diaphragm break-up).
	"steel": {{Char78, []pickupRule{
		{50, 0, -65, -28},  // V −15 + horn −19 (gentle) … −42 (steep): the horn makes the bass vanish
		{63, 0, -58, -23},  // V −13 + horn −15 … −36
		{80, 0, -50, -17},  // V −11 + horn −11 … −30
		{100, 0, -42, -11}, // V −10 + horn −8 … −24: ≥ 10 dB down, as every account of the portable says
		{125, 0, -35, -6},  // V −8 + horn −5 … −18
		{160, 0, -27, -2},  // V −6 + horn −2.4 … −13: falling steeply below ~150 Hz
		{200, 0, -20, 1},   // V −5 + horn −1.2 … −8: lower edge of the useful band
		{250, 0, -16, 2},   // V −3.5 + horn −0.5 … −4.5
		{315, 0, -12, 4},   // V −2.4 + horn −0.2 … −2.2
		{400, 0, -10, 6},   // V −1.6 + horn −1 at most
		{500, 0, -6, 6},    // 500 Hz–3.15 kHz: the soundbox's resonances, ±6 dB
		{630, 0, -6, 6},
		{800, 0, -6, 6},
		{1250, 0, -6, 6},
		{1600, 0, -6, 6},
		{2000, 0, -6, 6},
		{2500, 0, -6, 6},
		{3150, 0, -6, 6},
		{4000, 0, -12, 6},    // upper edge of the useful band: top cutoff −1.5 (5 kHz) … −5 dB (3.5 kHz), ±6
		{5000, 0, -20, 0},    // nothing useful above ~5 kHz: −3 dB at the Orthophonic's limit
		{6300, 0, -30, -5},   // −5.5 dB (12 dB/oct from 5 kHz) … −20 (24 dB/oct from 3.5 kHz)
		{8000, 0, -40, -8},   // −8.8 … −29
		{10000, 0, -50, -12}, // −12.3 … −36, and the cutter FIR's −0.5 dB
	}}},

	// 1950s crystal cartridge into a high-impedance load, on a 78. A
	// piezo element loaded by ~1 MΩ gives a voltage proportional to its
	// bending, that is to the groove's displacement D, so it needs no bass
	// equalisation on a turnover record (the textbook account, e.g.
	// Langford-Smith, Radiotron Designer's Handbook, 4th ed., 1953, on
	// reproduction from records): below the turnover the output is flat and
	// ~10 dB above the 1 kHz level, above it falls 6 dB/oct, lifted near the
	// element's resonance (2.5–4 kHz, +3 … +10 dB) and falling fast above
	// ~6 kHz, where the stylus and element mass take over. The bass is
	// trimmed by the load (cartridge capacitance ~1 nF against 0.5–2 MΩ:
	// 12 dB/oct below 100 Hz at the most). Bounds: D, minus the load
	// roll-off and 2 dB for a resonance skirt lifting 1 kHz (lower), plus
	// 2 dB (upper) in the bass; in the treble D plus the range of lifts a
	// 2.5–4 kHz resonance of +3 … +10 dB gives, and above 5 kHz a mass
	// roll-off between 12 dB/oct from 6.5 kHz and 24 dB/oct from 5 kHz
	// (lower bounds there rounded out generously: the element's top is
	// ill-defined).
	"crystal": {{Char78, []pickupRule{
		{50, 0, -4, 13},      // D +10.7, load −0 … −12
		{63, 0, -1, 13},      // D +10.7, load −0 … −9
		{80, 0, 2, 13},       // D +10.5, load −0 … −5.4
		{100, 0, 4, 13},      // D +10.4, load −0 … −3
		{125, 0, 5, 13},      // the bass plateau of an amplitude pickup on a turnover record
		{160, 0, 5, 12},      // D +9.8
		{200, 0, 5, 12},      // D +9.2
		{250, 0, 5, 11},      // D +8.6
		{315, 0, 4, 10},      // D +7.6: above the turnover the output falls …
		{400, 0, 3, 9},       // D +6.4
		{500, 0, 2, 8},       // D +5.1
		{630, 0, 0, 6},       // D +3.5
		{800, 0, -1.5, 4},    // D +1.7
		{1250, 0, -4, 1.5},   // D −1.8, resonance skirt +0 … +3
		{1600, 0, -6, 1.5},   // D −3.9, +0 … +5
		{2000, 0, -8, 3},     // D −5.8, +0 … +8
		{2500, 0, -9, 3},     // D −7.7, +1 … +10: … except where the resonance lifts it
		{3150, 0, -10, 2},    // D −9.7, +2 … +10
		{4000, 0, -18, -1.5}, // D −11.9, at or just above the resonance: −6 … +10
		{5000, 0, -26, -5},   // D −13.9, past it
		{6300, 0, -35, -12},  // D −16.1, skirt ≤ +4, roll-off −2.8 (12 dB/oct from 6.5 kHz) … −8.7 (24 dB/oct from 5 kHz)
		{8000, 0, -45, -19},  // D −18.5, skirt ≤ +4, roll-off −5.2 … −16
		{10000, 0, -55, -25}, // D −20.9, skirt ≤ +4, roll-off −8.2 … −24, FIR −0.5
		// Shape, independent of the level at 1 kHz:
		{400, 1600, 6, 14},   // falls above the turnover: D alone gives +10.3, a skirt at 1.6 kHz takes ≤ 4
		{3150, 1600, -5, 6},  // the resonance lifts it: D alone −5.8, a ≥ 3 dB resonance at 2.5–4 kHz ≥ +1.2
		{6300, 10000, 9, 30}, // falls fast above 6 kHz: D alone +4.8, roll-off ≥ +5.4 (12 dB/oct from 6.5 kHz)
		{50, 125, -12, -1.5}, // the load rolls the bass off: the element is a capacitor working into the amplifier's finite input resistance, a high-pass; at least 1.5 dB down at 50 Hz re 125 Hz
	}}},

	// Modern moving-magnet cartridge (velocity) into a preamp with the
	// exact inverse of the cutting curve, on a 78 or an LP: flat. MM
	// cartridges are specified within ±2 dB or better from 20 Hz to
	// 20 kHz (their tip/cantilever resonance sits above 12 kHz), and RIAA
	// preamps within ±0.5–1 dB of the inverse curve (IEC 60098), so ±2 dB
	// from 50 Hz to 10 kHz on either characteristic, the cutter FIR
	// (−0.5 dB at 10 kHz) included.
	"magnetic": {{Char78, flatRules(2)}, {CharRIAA, flatRules(2)}},
}

// flatRules bounds every tone within ±tol dB of 1 kHz.
func flatRules(tol float64) []pickupRule {
	var r []pickupRule
	for _, f := range pickupTonesHz {
		if f != 1000 {
			r = append(r, pickupRule{f, 0, -tol, tol})
		}
	}
	return r
}

// violations lists the rules the curve breaks (a NaN level breaks them all).
func (c pickupCurve) violations(rules []pickupRule) []string {
	var bad []string
	for _, r := range rules {
		ref := r.ref
		if ref == 0 {
			ref = 1000
		}
		l, ok1 := c[r.f]
		l0, ok2 := c[ref]
		v := l - l0
		if !ok1 || !ok2 || !(v >= r.lo && v <= r.hi) {
			bad = append(bad, fmt.Sprintf("%g Hz re %g Hz: %+.1f dB, want %+g … %+g", r.f, ref, v, r.lo, r.hi))
		}
	}
	return bad
}

// pickupCutInfo is the CutInfo the lathe records for the default cut with
// characteristic ch.
func pickupCutInfo(ch Characteristic) CutInfo {
	o := CutOptions{Characteristic: ch}.withDefaults()
	return CutInfo{Characteristic: o.Characteristic, TurnoverHz: o.TurnoverHz, CutterHz: o.CutterHz}
}

// firGain is the (real, linear-phase) gain of the cutter FIR at hz.
func firGain(f *firLowpass, hz float64) float64 {
	g := f.h[0]
	for k := 1; k <= f.half; k++ {
		g += 2 * f.h[k] * math.Cos(2*math.Pi*hz*float64(k)/EngineRate)
	}
	return g
}

// analyticPickupCurve is |cut curve · cutter FIR · pickup| at every tone,
// re 1 kHz; pickup is the playback transfer from displacement to output.
func analyticPickupCurve(ci CutInfo, pickup func(hz float64) complex128) pickupCurve {
	fwd, _, _ := cutCurve(ci)
	fir := newFIRLowpass(ci.CutterHz, firHalf)
	g := func(hz float64) float64 {
		return cmplx.Abs(fwd.response(hz)) * math.Abs(firGain(fir, hz)) * cmplx.Abs(pickup(hz))
	}
	ref := g(1000)
	c := pickupCurve{}
	for _, f := range pickupTonesHz {
		c[f] = 20 * math.Log10(g(f)/ref)
	}
	return c
}

// pointPickup keeps a pickup's transduction and drops its tip: no radius,
// force or mass, so the groove is read exactly (no tracing distortion,
// footprint, pinch, skips or needle wear).
func pointPickup(pk Pickup) Pickup { return Pickup{Name: pk.Name, Response: pk.Response} }

// playedPickupCurves cuts one multitone (every tone at the same level,
// Schroeder phases for a low crest factor, well below the lathe limiter)
// with characteristic ch and plays it with each pickup's point-stylus copy;
// each tone's level is read from a 1 s window after 0.3 s of settling. It
// returns the curves and the disc's CutInfo.
func playedPickupCurves(t *testing.T, ch Characteristic, pks []Pickup) ([]pickupCurve, CutInfo) {
	t.Helper()
	const settle, tail = EngineRate * 3 / 10, EngineRate / 10
	const win = EngineRate // 1 s: every tone is a whole number of cycles
	n := settle + win + tail
	nt := float64(len(pickupTonesHz))
	src := make([]float32, n)
	for k, f := range pickupTonesHz {
		ph := math.Pi * float64(k*k) / nt
		for i := range src {
			src[i] += float32(0.03 * math.Sin(2*math.Pi*f*float64(i)/EngineRate+ph))
		}
	}
	p := DefaultParams()
	p.EccentricityMM = 0
	d, err := Cut([][]float32{src}, EngineRate, p, CutOptions{LevelDB: -6, Characteristic: ch})
	if err != nil {
		t.Fatal(err)
	}
	const pre = 2048 // needle drop in the silent lead-in, just before the programme
	start := d.ProgrammeStart() - pre
	var curves []pickupCurve
	for _, pk := range pks {
		out, _, err := PlayAll(d, PlayOptions{Pickup: pointPickup(pk), NoWear: true, NoWow: true, Start: start},
			float64(pre+n)/EngineRate)
		if err != nil {
			t.Fatal(err)
		}
		if len(out) < pre+settle+win {
			t.Fatalf("%s: played %d samples, want ≥ %d", pk.Name, len(out), pre+settle+win)
		}
		y := out[pre+settle : pre+settle+win]
		amp := func(hz float64) float64 {
			var re, im float64
			for i, v := range y {
				s, c := math.Sincos(2 * math.Pi * hz * float64(i) / EngineRate)
				re += float64(v) * c
				im += float64(v) * s
			}
			return math.Hypot(re, im)
		}
		ref := amp(1000)
		c := pickupCurve{}
		for _, f := range pickupTonesHz {
			c[f] = 20 * math.Log10(amp(f)/ref)
		}
		curves = append(curves, c)
	}
	return curves, d.Cut
}

// TestPickupResponse: each shipped pickup, played as a listener hears it,
// meets its own era's published-style curve; the played and the analytic
// curves agree within 0.3 dB.
func TestPickupResponse(t *testing.T) {
	type col struct {
		name     string
		analytic pickupCurve
		played   pickupCurve
	}
	var cols []col
	for _, ch := range []Characteristic{Char78, CharRIAA} {
		var pks []Pickup
		for _, pk := range Pickups {
			for _, tg := range pickupTargets[pk.Name] {
				if tg.ch == ch {
					pks = append(pks, pk)
				}
			}
		}
		if len(pks) == 0 {
			continue
		}
		played, ci := playedPickupCurves(t, ch, pks)
		for i, pk := range pks {
			an := analyticPickupCurve(ci, pickupChain(pk, ci).response)
			name := fmt.Sprintf("%s/%v", pk.Name, ch)
			cols = append(cols, col{name, an, played[i]})
			for _, tg := range pickupTargets[pk.Name] {
				if tg.ch != ch {
					continue
				}
				for _, v := range an.violations(tg.rules) {
					t.Errorf("%s, analytic: %s", name, v)
				}
				for _, v := range played[i].violations(tg.rules) {
					t.Errorf("%s, played: %s", name, v)
				}
			}
			for _, f := range pickupTonesHz {
				if d := played[i][f] - an[f]; !(math.Abs(d) <= 0.3) {
					t.Errorf("%s at %g Hz: played %+.2f dB, analytic %+.2f dB", name, f, played[i][f], an[f])
				}
			}
		}
	}
	for _, pk := range Pickups {
		if len(pickupTargets[pk.Name]) == 0 {
			t.Errorf("pickup %q has no published-style target in pickup_test.go", pk.Name)
		}
	}
	var sb strings.Builder
	fmt.Fprintf(&sb, "playback response, dB re 1 kHz (played; analytic):\n%8s", "Hz")
	for _, c := range cols {
		fmt.Fprintf(&sb, " %15s", c.name)
	}
	for _, f := range pickupTonesHz {
		fmt.Fprintf(&sb, "\n%8g", f)
		for _, c := range cols {
			fmt.Fprintf(&sb, "   %+5.1f (%+5.1f)", c.played[f], c.analytic[f])
		}
	}
	t.Log(sb.String())
}

var responseNames = map[Response]string{ResponseIdeal: "ideal", ResponseAcoustic: "acoustic",
	ResponseCrystal: "crystal", ResponseMagnetic: "magnetic"}

// TestPickupTargetsRejectWrongChains: the targets are tight enough to tell
// the pickups apart. Chains built from the shipped ones with one physical
// ingredient swapped or removed — evaluated analytically — must each break
// at least one rule of the pickup they pretend to be.
func TestPickupTargetsRejectWrongChains(t *testing.T) {
	by := map[string]Pickup{}
	for _, pk := range Pickups {
		by[pk.Name] = pk
	}
	// differentiator is the first difference the velocity pickups use.
	differentiator := biquad{b0: 1, b1: -1}
	type mutant struct {
		name   string
		pickup string // the target it must fail
		ch     Characteristic
		resp   func(ci CutInfo) func(hz float64) complex128
	}
	chainOf := func(pk Pickup) func(ci CutInfo) func(float64) complex128 {
		return func(ci CutInfo) func(float64) complex128 { return pickupChain(pk, ci).response }
	}
	var ms []mutant
	// Every pickup with every other transduction (the magnetic EQ for all,
	// the pickups' chains swapped, the laboratory inverse curve).
	for _, pk := range Pickups {
		for r := ResponseIdeal; r <= ResponseMagnetic; r++ {
			if r == pk.Response || (pk.Response == ResponseMagnetic && r == ResponseIdeal) {
				continue // the ideal EQ is what a perfect magnetic pickup is
			}
			wrong := pk
			wrong.Response = r
			for _, tg := range pickupTargets[pk.Name] {
				ms = append(ms, mutant{fmt.Sprintf("%s with the %s response", pk.Name, responseNames[r]), pk.Name, tg.ch, chainOf(wrong)})
			}
		}
	}
	steel, crystal, magnetic := by["steel"], by["crystal"], by["magnetic"]
	ms = append(ms,
		mutant{"steel without the horn's high-pass", "steel", Char78, func(ci CutInfo) func(float64) complex128 {
			c, hp := pickupChain(steel, ci), highpass2(200, 0.8)
			return func(hz float64) complex128 { return c.response(hz) / hp.response(hz) }
		}},
		mutant{"steel without its top cutoff", "steel", Char78, func(ci CutInfo) func(float64) complex128 {
			c, lp := pickupChain(steel, ci), lowpass2(4000, 0.9)
			return func(hz float64) complex128 { return c.response(hz) / lp.response(hz) }
		}},
		mutant{"crystal velocity-responsive (differentiated)", "crystal", Char78, func(ci CutInfo) func(float64) complex128 {
			c := pickupChain(crystal, ci)
			return func(hz float64) complex128 { return c.response(hz) * differentiator.response(hz) }
		}},
	)
	for _, ch := range []Characteristic{Char78, CharRIAA} {
		ms = append(ms,
			mutant{"magnetic without the inverse curve (displacement)", "magnetic", ch, func(ci CutInfo) func(float64) complex128 {
				c := pickupChain(magnetic, ci)
				_, inv, _ := cutCurve(ci)
				return func(hz float64) complex128 { return c.response(hz) / inv.response(hz) }
			}},
			mutant{"magnetic velocity with a flat preamp", "magnetic", ch, func(ci CutInfo) func(float64) complex128 {
				c := pickupChain(magnetic, ci)
				_, inv, _ := cutCurve(ci)
				return func(hz float64) complex128 {
					return c.response(hz) / inv.response(hz) * differentiator.response(hz)
				}
			}},
		)
	}
	for _, m := range ms {
		ci := pickupCutInfo(m.ch)
		var rules []pickupRule
		for _, tg := range pickupTargets[m.pickup] {
			if tg.ch == m.ch {
				rules = tg.rules
			}
		}
		if rules == nil {
			t.Fatalf("%s: no %v target for %s", m.name, m.ch, m.pickup)
		}
		bad := analyticPickupCurve(ci, m.resp(ci)).violations(rules)
		if len(bad) == 0 {
			t.Errorf("%s on %v passes the %s target", m.name, m.ch, m.pickup)
			continue
		}
		t.Logf("%s on %v: rejected by %d rules: %s", m.name, m.ch, len(bad), strings.Join(bad, "; "))
	}
}
