package engine

import (
	"math"
	"math/cmplx"
	"testing"
)

// Tracing distortion against an exact reference. A sphere of radius R
// resting on both walls of a sinusoidal groove y(s) = A·sin(2πs/λ) has its
// centre on the dilation of each wall by the circle (the virtual stylus):
//
//	U(s) = max_x y(x) + √(R²−(x−s)²) − R,  L(s) = min_x y(x) − √(R²−(x−s)²) + R,
//
// over |x−s| ≤ R. The lateral output is (U+L)/2 and the pinch L−U. The
// reference evaluates this by brute force on a ≤ 0.05 µm grid from the
// formula alone (no engine code) and is compared with what the tracer reads
// from a groove the engine cut. For R ≪ λ it reduces to the textbook
// results: pinch 2f ≈ R·A·k²/2 and lateral H3 ≈ (Rk)²(Ak)²/8 relative to
// the fundamental, k = 2π/λ.

// exactTracing returns the levels, relative to the lateral fundamental, of
// the lateral third harmonic and of the pinch's second harmonic (the
// vertical motion at 2f), dB.
func exactTracing(ampUM, lambdaUM, tipUM float64) (h3DB, pinch2DB float64) {
	const perPeriod = 256 // tip positions per period (DFT length)
	sub := int(math.Ceil(lambdaUM / 0.05 / perPeriod))
	m := perPeriod * sub // fine grid points per period, ≤ 0.05 µm apart
	h := lambdaUM / float64(m)
	y := make([]float64, m)
	for i := range y {
		y[i] = ampUM * math.Sin(2*math.Pi*float64(i)/float64(m))
	}
	reach := int(tipUM / h)
	sphere := make([]float64, reach+1) // √(R²−x²) − R
	for i := range sphere {
		x := float64(i) * h
		sphere[i] = math.Sqrt(math.Max(0, tipUM*tipUM-x*x)) - tipUM
	}
	lat := make([]float64, perPeriod)
	pin := make([]float64, perPeriod)
	for p := range lat {
		s := p * sub
		up, lo := math.Inf(-1), math.Inf(1)
		for k := -reach; k <= reach; k++ {
			w := y[((s+k)%m+m)%m]
			c := sphere[max(k, -k)]
			up = math.Max(up, w+c)
			lo = math.Min(lo, w-c)
		}
		lat[p], pin[p] = (up+lo)/2, lo-up
	}
	l1 := tracingBin(lat, 1)
	return tracingDB(tracingBin(lat, 3) / l1), tracingDB(tracingBin(pin, 2) / l1)
}

func tracingDB(r float64) float64 { return 20 * math.Log10(math.Max(r, 1e-12)) }

// tracingBin is the amplitude of the sinusoid at bin k of x (DFT over the
// whole of x, which must hold whole periods).
func tracingBin(x []float64, k int) float64 {
	var s complex128
	for i, v := range x {
		s += complex(v, 0) * cmplx.Exp(complex(0, -2*math.Pi*float64(k*i)/float64(len(x))))
	}
	return 2 * cmplx.Abs(s) / float64(len(x))
}

// tracedPaths reads the tracer's lateral (contact midpoint) and pinch paths
// for n samples from j0 with a spherical tip of no weight (point contact on
// each wall: no Hertz footprint), no wear and no noise.
func tracedPaths(d *Disc, tipUM float64, j0, n int) (lat, pin []float64) {
	tr := newTracer(d, Pickup{Name: "tip", TipRadiusUM: tipUM, Response: ResponseIdeal}, false, 0, nil)
	tr.worn = false
	for j := j0; j < j0+n; j++ {
		tr.traced(j)
		s := j & ringMask
		lat = append(lat, tr.cMid[s])
		pin = append(pin, tr.cPin[s])
	}
	return lat, pin
}

type tracingCase struct {
	radiusMM, hz, velocity             float64 // velocity: groove peak, m/s
	exactH3, engineH3, exactP, engineP float64 // dB re the lateral fundamental
}

// tracingCases cuts a sine at each radius and frequency at 8 cm/s peak (a
// loud 78), traces it with a 63 µm tip and computes the exact levels for
// the amplitude actually cut.
func tracingCases(t *testing.T) []tracingCase {
	const (
		tipUM   = 63.0
		peakVel = 0.08 // m/s
		win     = 4410 // 0.1 s: whole periods of any multiple of 10 Hz
	)
	var out []tracingCase
	for _, r := range []float64{118, 90, 60} {
		for _, f := range []float64{1000, 2000, 3000, 5000} {
			p := DefaultParams()
			p.EccentricityMM = 0
			p.StartRadiusMM, p.EndRadiusMM = r, r-2
			// Char78 is constant velocity above its 300 Hz turnover:
			// velocity ∝ f·|1 + jf/40 kHz| / |1 + jf/300 Hz|, and a full-scale
			// 1 kHz at 0 dB is cut at refVelocityMS.
			vel := func(f float64) float64 { return f * math.Hypot(1, f/40000) / math.Hypot(1, f/300) }
			a := peakVel / refVelocityMS * vel(1000) / vel(f)
			src := make([]float32, EngineRate/2)
			for i := range src {
				src[i] = float32(a * math.Sin(2*math.Pi*f*float64(i)/EngineRate))
			}
			d, err := Cut([][]float32{src}, EngineRate, p, CutOptions{CutterHz: 16000})
			if err != nil {
				t.Fatal(err)
			}
			j0 := d.ProgrammeStart() + EngineRate/5 // past the cutter's start-up
			groove := make([]float64, win)
			for i := range groove {
				groove[i] = d.FreshLateralUM(j0 + i)
			}
			k := int(f) * win / EngineRate
			amp := tracingBin(groove, k)
			rMM := d.RadiusMM(j0 + win/2)
			speed := 2 * math.Pi * rMM * 1e3 * p.RPM / 60 // groove speed, µm/s
			eh3, ep := exactTracing(amp, speed/f, tipUM)
			lat, pin := tracedPaths(d, tipUM, j0, win)
			l1 := tracingBin(lat, k)
			out = append(out, tracingCase{radiusMM: rMM, hz: f, velocity: 2 * math.Pi * f * amp * 1e-6,
				exactH3: eh3, engineH3: tracingDB(tracingBin(lat, 3*k) / l1),
				exactP: ep, engineP: tracingDB(tracingBin(pin, 2*k) / l1)})
		}
	}
	return out
}

// TestTracingDistortion: the tracer's lateral third harmonic and pinch
// second harmonic agree with the exact virtual-stylus dilation within
// ±2 dB at 60–118 mm, 1–5 kHz, 8 cm/s (exact levels −77 to −11 dB).
//
// Why ±2 dB: the reference is exact to well under 0.1 dB; the tracer sees
// the groove only at its samples (int16, 16 kHz band limit), interpolates
// the wall between them and refines the contact between grid points, which
// leaves it within 0.5 dB of the reference here. ±2 dB keeps a margin for
// that while failing every way of getting the tip wrong, which are errors
// of 5 to 200 dB: no dilation (a point stylus: no pinch, H3 from the cut
// alone, below −100 dB), taps at whole samples only (outer grooves then
// trace like a point, and H3 on inner ones is 6 dB too strong), or a wrong
// radius (both levels scale with R and R²). The floor of this measurement,
// the cut's own harmonics and int16 steps, is below −110 dB, so even the
// −77 dB case is held to ±2 dB.
func TestTracingDistortion(t *testing.T) {
	cases := tracingCases(t)
	t.Logf("%6s %6s %5s | %8s %8s | %8s %8s", "r mm", "f Hz", "cm/s", "exact H3", "engine", "exact 2f", "engine")
	for _, c := range cases {
		t.Logf("%6.1f %6.0f %5.2f | %8.1f %8.1f | %8.1f %8.1f", c.radiusMM, c.hz, 100*c.velocity,
			c.exactH3, c.engineH3, c.exactP, c.engineP)
	}
	for _, c := range cases {
		if math.Abs(c.engineH3-c.exactH3) > 2 {
			t.Errorf("r %.0f mm, %.0f Hz: lateral H3 %.1f dB, exact %.1f dB (want ±2 dB)", c.radiusMM, c.hz, c.engineH3, c.exactH3)
		}
		if math.Abs(c.engineP-c.exactP) > 2 {
			t.Errorf("r %.0f mm, %.0f Hz: pinch 2f %.1f dB, exact %.1f dB (want ±2 dB)", c.radiusMM, c.hz, c.engineP, c.exactP)
		}
	}
}

// TestDilationPruning: the pruned contact search (dilateAt) finds the same
// point as trying every grid point under the tip, for tips from under a
// sample spacing to 150 µm and for walls rough and spiky enough that the
// farther segments often matter.
func TestDilationPruning(t *testing.T) {
	exhaustive := func(tr *tracer, j int, dil []float64, w int) float64 {
		n := len(dil) - 1
		best, bi := math.Inf(-1), 0
		for i := -n; i <= n; i++ {
			if v := tr.subAt(w, j, i) + dil[max(i, -i)]; v > best {
				best, bi = v, i
			}
		}
		return tr.refine(w, j, dil, best, bi)
	}
	var s uint64 = 5
	src := make([]float32, EngineRate/4)
	for i := range src {
		s = splitmix64(s)
		a, _ := tri2(s)
		src[i] = float32(0.5*math.Sin(float64(i)*0.3) + 0.3*a)
		if s%500 == 0 {
			src[i] = 1 // spikes: wall peaks sharper than the tip
		}
	}
	for _, r := range []float64{118, 60} {
		p := DefaultParams()
		p.StartRadiusMM, p.EndRadiusMM = r, r-2
		d, err := Cut([][]float32{src}, EngineRate, p, CutOptions{LevelDB: 6})
		if err != nil {
			t.Fatal(err)
		}
		for _, tip := range []float64{12, 30, 63, 150} {
			tr := newTracer(d, Pickup{Name: "tip", TipRadiusUM: tip, ForceGrams: 30}, true, 3, nil)
			j0 := d.ProgrammeStart() + 1000
			for j := j0; j < j0+4000; j++ {
				tr.traced(j)
				dil := tr.kernelAt(j).dil
				up, lo := tr.dilateAt(j, dil)
				eu, el := exhaustive(tr, j, dil, 0), -exhaustive(tr, j, dil, 1)
				// (the pruned search shares one division between the walls)
				if math.Abs(up-eu) > 1e-12 || math.Abs(lo-el) > 1e-12 {
					t.Fatalf("r %v mm, tip %v µm, sample %d: bounds %v, %v; every grid point gives %v, %v", r, tip, j, up, lo, eu, el)
				}
			}
		}
	}
}

// TestPinchLeaksIntoTheOutput: a lateral pickup also moves with the tip's
// vertical (pinch) motion by its PinchLeak, so a sine plays back with a
// second harmonic at the leak times the pinch's (the lateral path alone has
// only odd harmonics).
func TestPinchLeaksIntoTheOutput(t *testing.T) {
	const (
		f, win = 3000.0, 4410
		leak   = 0.15
	)
	p := DefaultParams()
	p.EccentricityMM = 0
	p.StartRadiusMM, p.EndRadiusMM = 118, 116
	src := sine(f, 0.5)
	for i := range src {
		src[i] *= 0.3
	}
	d, err := Cut([][]float32{src}, EngineRate, p, CutOptions{CutterHz: 16000})
	if err != nil {
		t.Fatal(err)
	}
	j0 := d.ProgrammeStart() + EngineRate/5
	tr := newTracer(d, Pickup{Name: "tip", TipRadiusUM: 63, PinchLeak: leak, Response: ResponseIdeal}, false, 0, nil)
	tr.worn = false
	out := make([]float64, win)
	for i := range out {
		out[i] = tr.traced(j0 + i)
	}
	_, pin := tracedPaths(d, 63, j0, win)
	k := int(f) * win / EngineRate
	got := tracingDB(tracingBin(out, 2*k) / tracingBin(out, k))
	want := tracingDB(leak * tracingBin(pin, 2*k) / tracingBin(out, k))
	t.Logf("3 kHz at 118 mm: output H2 %.1f dB, leak × pinch %.1f dB", got, want)
	if math.Abs(got-want) > 1 || got < -80 {
		t.Errorf("output second harmonic %.1f dB, want the leaked pinch's %.1f dB", got, want)
	}
}

// The kernels' arc (arcStep) is within 0.012 % of the block's at every
// radius and speed the engine cuts, and one step apart arcs differ.
func TestArcStep(t *testing.T) {
	for _, arc := range []float64{0.76, 3.96, 7.999, 8, 11.3, 16.0001, 22.7} {
		got := arcOfStep(arcStep(arc))
		if rel := math.Abs(got-arc) / arc; rel > 1.23e-4 {
			t.Errorf("arc %v µm is made %v µm (%.2g off)", arc, got, rel)
		}
		if q := arcStep(arc); arcOfStep(q+1) <= arcOfStep(q) {
			t.Errorf("arc %v: the next step is not longer", arc)
		}
	}
}
