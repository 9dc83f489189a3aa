package engine

import (
	"math"
	"runtime"
	"testing"
)

// Calibration tests: the numbers docs/physics.md and issue 3 ask the physics to
// reproduce. The degradation emerges from geometry and wear; nothing here
// filters the source. Bone (film) targets are tuned to historical accounts,
// not to lab data (none is published); shellac follows GOST 5289-61.

// reduced reports whether to scale down the long loops (wasm under Node, or
// -short); the native run executes the full calibration.
func reduced() bool { return testing.Short() || runtime.GOARCH == "wasm" }

// TestRoundTrip: point stylus, no noise, no wear, ideal EQ → the output nulls
// against the input better than −50 dB in the pass band (50 Hz–8 kHz; the
// cutter band limit is 11.025 kHz).
func TestRoundTrip(t *testing.T) {
	for _, ch := range []Characteristic{Char78, CharRIAA} {
		src := testProgramme(30, 0, 3)
		if reduced() {
			src = src[:10*EngineRate]
		}
		p := DefaultParams()
		p.EccentricityMM = 0
		const level = -12 // below the lathe limiter: the limiter is not a transparent process
		d, err := Cut([][]float32{src}, EngineRate, p, CutOptions{LevelDB: level, Characteristic: ch})
		if err != nil {
			t.Fatal(err)
		}
		out, _, err := PlayAll(d, PlayOptions{Pickup: IdealPickup(), NoWear: true}, 0)
		if err != nil {
			t.Fatal(err)
		}
		ps := d.ProgrammeStart()
		g := 1 / dbToAmp(level)
		ref := make([]float64, len(src))
		diff := make([]float64, len(src))
		for i, v := range src {
			ref[i] = float64(v)
			diff[i] = float64(out[ps+i])*g - float64(v)
		}
		null := db(bandEnergies(diff)(50, 8000) / bandEnergies(ref)(50, 8000))
		t.Logf("%v: round-trip null in 50 Hz–8 kHz: %.1f dB", ch, null)
		if null > -50 {
			t.Errorf("%v: round trip nulls only to %.1f dB, want < −50 dB", ch, null)
		}
	}
}

// bandwidth3dB cuts white noise at the given radii and plays it with a 63 µm
// tip at 120 g (Hertz a ≈ 24 µm on film) into the ideal EQ; it returns the
// frequency where the tip's response first falls 3 dB below its 200–500 Hz
// level.
func bandwidth3dB(t *testing.T, startMM float64) float64 {
	p := DefaultParams()
	p.EccentricityMM = 0
	p.StartRadiusMM, p.EndRadiusMM = startMM, startMM-2
	src := make([]float32, 3*EngineRate)
	var s uint64 = 99
	for i := range src {
		s = splitmix64(s)
		a, _ := tri2(s)
		src[i] = float32(0.1 * a)
	}
	d, err := Cut([][]float32{src}, EngineRate, p, CutOptions{LevelDB: -20, CutterHz: 16000})
	if err != nil {
		t.Fatal(err)
	}
	pk := Pickup{Name: "tip", ForceGrams: 120, TipRadiusUM: 63, Response: ResponseIdeal}
	out, _, err := PlayAll(d, PlayOptions{Pickup: pk, NoWear: true}, 0)
	if err != nil {
		t.Fatal(err)
	}
	ps := d.ProgrammeStart()
	x := make([]float64, len(src))
	y := make([]float64, len(src))
	for i := range src {
		x[i] = float64(src[i])
		y[i] = float64(out[ps+i])
	}
	bx, by := bandEnergies(x), bandEnergies(y)
	ratio := func(lo, hi float64) float64 { return by(lo, hi) / bx(lo, hi) }
	ref := ratio(200, 500)
	for f := 500.0; f < 15000; f *= 1.02 {
		if ratio(f/1.02, f*1.02) < ref/2 {
			return f
		}
	}
	return 15000
}

// TestInnerGrooveLoss: the −3 dB bandwidth on the innermost turns is 0.4–0.6
// of the outermost (groove speed ratio 57/118 = 0.48).
func TestInnerGrooveLoss(t *testing.T) {
	outer := bandwidth3dB(t, 118)
	inner := bandwidth3dB(t, 59)
	r := inner / outer
	t.Logf("−3 dB bandwidth: outer %.0f Hz, inner %.0f Hz, ratio %.2f", outer, inner, r)
	if r < 0.4 || r > 0.6 {
		t.Errorf("inner/outer bandwidth %.2f, want 0.4–0.6", r)
	}
}

// TestShellacSteelGOST: GOST 5289-61 for shellac 78s with a 120 g steel
// needle: level drop ≤ 3 dB after 60 plays, surface-noise rise ≤ 2 dB after
// 150. Noise is measured in a silent band of the programme with the same
// turntable (seed) every play. The level is that of the top of the band a
// gramophone reproduces (2–4 kHz), where wear shows first; the disc must
// wear measurably there (≥ 0.2 dB), or a shellac that never wears passes.
func TestShellacSteelGOST(t *testing.T) {
	plays := 150
	secs := 6.0
	if reduced() {
		plays, secs = 60, 4
	}
	src := testProgramme(secs, 1.5, 2)
	p := DefaultParams()
	p.Material = MaterialShellac
	d, err := Cut([][]float32{src}, EngineRate, p, CutOptions{})
	if err != nil {
		t.Fatal(err)
	}
	pk, _ := PickupByName("steel")
	ps := d.ProgrammeStart()
	n := len(src)
	gap0, gap1 := ps+n/2-EngineRate/2, ps+n/2+EngineRate/2
	// The level is read by a noiseless, wear-free listening pass after the
	// first and the 60th play, so hiss does not count as signal.
	level := func() float64 {
		out := listen(t, d, PlayOptions{Pickup: pk, NoWow: true})
		x := make([]float64, n/2-EngineRate)
		for i := range x {
			x[i] = float64(out[ps+i])
		}
		return math.Sqrt(bandEnergies(x)(2000, 4000))
	}
	var lvl1, hiss1, lvl60, hissN float64
	for i := 1; i <= plays; i++ {
		out, _, err := PlayAll(d, PlayOptions{Pickup: pk, Noise: true, Seed: 1, NoWow: true}, 0)
		if err != nil {
			t.Fatal(err)
		}
		hiss := rms(out[gap0:gap1])
		switch i {
		case 1:
			lvl1, hiss1 = level(), hiss
		case 60:
			lvl60 = level()
		}
		hissN = hiss
	}
	drop := -20 * math.Log10(lvl60/lvl1)
	rise := 20 * math.Log10(hissN/hiss1)
	t.Logf("shellac + steel: level drop after 60 plays %.2f dB, noise rise after %d plays %.2f dB", drop, plays, rise)
	if drop > 3 || drop < 0.2 {
		t.Errorf("level drop %.2f dB after 60 plays, want 0.2–3 dB", drop)
	}
	if rise > 2 {
		t.Errorf("noise rise %.2f dB after %d plays, want ≤ 2 dB", rise, plays)
	}
}

// TestVinylMagnetic: a modern 5 g magnetic cartridge on vinyl loses less than
// 1 dB of fidelity in 100 plays, and less than 1 dB of its 6–10 kHz treble —
// yet the groove does wear (an LP is not indestructible).
func TestVinylMagnetic(t *testing.T) {
	plays, secs := 100, 6.0
	if reduced() {
		plays, secs = 40, 4
	}
	src := testProgramme(secs, 0, 4)
	p := DefaultParams()
	p.Material = MaterialVinyl
	d, err := Cut([][]float32{src}, EngineRate, p, CutOptions{})
	if err != nil {
		t.Fatal(err)
	}
	pk, _ := PickupByName("magnetic")
	ps := d.ProgrammeStart()
	treble := func() float64 {
		out := listen(t, d, PlayOptions{Pickup: pk, NoWow: true})
		x := make([]float64, len(src))
		for i := range x {
			x[i] = float64(out[ps+i])
		}
		return bandEnergies(x)(6000, 10000)
	}
	t0 := treble()
	var first, last float64
	for i := 0; i < plays; i++ {
		_, rec, err := PlayAll(d, PlayOptions{Pickup: pk, Noise: true, Seed: uint64(i + 1)}, 0)
		if err != nil {
			t.Fatal(err)
		}
		if i == 0 {
			first = rec.FidelityDB
		}
		last = rec.FidelityDB
	}
	drop := -db(treble() / t0)
	mid := ps + len(src)/2
	lost := d.freshWallUM(mid/BlockSize) - d.WallHeightUM(mid)
	t.Logf("vinyl + magnetic, %d plays: fidelity %.2f → %.2f dB, 6–10 kHz down %.2f dB, wall down %.4f µm", plays, first, last, drop, lost)
	if first-last >= 1 || drop >= 1 {
		t.Errorf("vinyl + magnetic lost %.2f dB of fidelity and %.2f dB of treble in %d plays, want < 1 dB each", first-last, drop, plays)
	}
	if !(lost > 0) {
		t.Errorf("vinyl does not wear at all")
	}
}

// TestWow: a hole 1 mm off-centre, played where the groove is at r = 60 mm,
// gives 1.7 % ± 0.3 % pitch deviation at the rotation rate, 1.30 Hz.
func TestWow(t *testing.T) {
	p := DefaultParams()
	p.EccentricityMM = 1
	p.StartRadiusMM, p.EndRadiusMM = 60.5, 58
	n := int(5 * EngineRate)
	src := make([]float32, n)
	for i := range src {
		src[i] = float32(0.3 * math.Sin(2*math.Pi*1000*float64(i)/EngineRate))
	}
	d, err := Cut([][]float32{src}, EngineRate, p, CutOptions{})
	if err != nil {
		t.Fatal(err)
	}
	out, _, err := PlayAll(d, PlayOptions{Pickup: IdealPickup(), NoWear: true}, 0)
	if err != nil {
		t.Fatal(err)
	}
	// instantaneous frequency from upward zero crossings (interpolated)
	var times, freqs []float64
	last := -1.0
	start := d.ProgrammeStart() + EngineRate/2
	for i := start; i < start+3*EngineRate; i++ {
		a, b := float64(out[i-1]), float64(out[i])
		if a < 0 && b >= 0 {
			tc := float64(i-1) + a/(a-b)
			if last > 0 {
				times = append(times, tc/EngineRate)
				freqs = append(freqs, EngineRate/(tc-last))
			}
			last = tc
		}
	}
	// best-fitting sinusoid 1000·(1 + A·cos(2πft + φ)) over f in 0.8–2 Hz
	bestF, bestA := 0.0, 0.0
	for f := 0.8; f <= 2.0; f += 0.005 {
		var c, s, cc, ss, cs, yc, ys, m float64
		for _, y := range freqs {
			m += y
		}
		m /= float64(len(freqs))
		for i, tt := range times {
			co, si := math.Cos(2*math.Pi*f*tt), math.Sin(2*math.Pi*f*tt)
			y := freqs[i] - m
			c, s = c+co, s+si
			cc, ss, cs = cc+co*co, ss+si*si, cs+co*si
			yc, ys = yc+y*co, ys+y*si
		}
		det := cc*ss - cs*cs
		a := (yc*ss - ys*cs) / det
		b := (ys*cc - yc*cs) / det
		if amp := math.Hypot(a, b) / m; amp > bestA {
			bestF, bestA = f, amp
		}
	}
	t.Logf("wow: %.2f %% at %.3f Hz (e/r = %.2f %%)", 100*bestA, bestF, 100/59.5)
	if bestA < 0.014 || bestA > 0.020 {
		t.Errorf("pitch deviation %.2f %%, want 1.7 ± 0.3 %%", 100*bestA)
	}
	if math.Abs(bestF-p.RPM/60) > 0.03 {
		t.Errorf("wow rate %.3f Hz, want %.3f Hz", bestF, p.RPM/60)
	}
}

// clickTimes finds isolated peaks more than k× the median absolute value.
func clickTimes(x []float32, k float64, minGap int) []int {
	abs := make([]float64, len(x))
	for i, v := range x {
		abs[i] = math.Abs(float64(v))
	}
	sorted := append([]float64(nil), abs...)
	med := quickMedian(sorted)
	var at []int
	for i := 0; i < len(abs); i++ {
		if abs[i] > k*med {
			j := i
			for e := i; e < len(abs) && e < i+minGap; e++ {
				if abs[e] > abs[j] {
					j = e
				}
			}
			at = append(at, j)
			i += minGap
		}
	}
	return at
}

func quickMedian(x []float64) float64 {
	// a histogram-free median good enough for a test: sort a sample
	step := max(1, len(x)/20001)
	var s []float64
	for i := 0; i < len(x); i += step {
		s = append(s, x[i])
	}
	for i := 1; i < len(s); i++ {
		for j := i; j > 0 && s[j] < s[j-1]; j-- {
			s[j], s[j-1] = s[j-1], s[j]
		}
	}
	return s[len(s)/2]
}

// TestClicksRecur: a scratch clicks once per revolution at a fixed angle, and
// a dust speck spanning several turns clicks on each of them, one
// revolution apart.
func TestClicksRecur(t *testing.T) {
	for _, m := range []Mark{
		{Kind: MarkScratch, RadiusMM: 116, AngleRad: 1, LengthMM: 3, DepthUM: 4},
		{Kind: MarkDust, RadiusMM: 116.5, AngleRad: 2, LengthMM: 1.2, DepthUM: 6},
	} {
		p := DefaultParams()
		p.StartRadiusMM, p.EndRadiusMM = 118, 114
		src := make([]float32, 8*EngineRate)
		d, err := Cut([][]float32{src}, EngineRate, p, CutOptions{})
		if err != nil {
			t.Fatal(err)
		}
		d.marks = []Mark{m}
		pk, _ := PickupByName("magnetic")
		pk.RumbleUM = 0
		out, _, err := PlayAll(d, PlayOptions{Pickup: pk, Noise: true, Seed: 3, NoWear: true, NoWow: true}, 0)
		if err != nil {
			t.Fatal(err)
		}
		clicks := clickTimes(out[EngineRate/10:], 12, EngineRate/20) // skip the needle drop
		if len(clicks) < 3 {
			t.Fatalf("%v: found %d clicks, want ≥ 3", m.Kind, len(clicks))
		}
		n := d.SamplesPerRev()
		for i := 1; i < len(clicks); i++ {
			gap := float64(clicks[i]-clicks[i-1]) / float64(n)
			if math.Abs(gap-math.Round(gap)) > 0.01 || math.Round(gap) < 1 {
				t.Errorf("kind %v: clicks %d and %d are %.3f revolutions apart", m.Kind, i-1, i, gap)
			}
		}
		t.Logf("kind %v: %d clicks, each a whole number of revolutions (%d samples) apart; first at %d", m.Kind, len(clicks), n, clicks[0])
	}
}

// TestVinylOutlastsFilm: with the same crystal pickup a vinyl record lasts
// hundreds of plays where a bone record lasts 30–40, so one play takes less
// than a thirtieth of the wall from vinyl that it takes from film.
func TestVinylOutlastsFilm(t *testing.T) {
	loss := func(m Material) float64 {
		p := DefaultParams()
		p.Material = m
		d, err := Cut([][]float32{testProgramme(3, 0, 5)}, EngineRate, p, CutOptions{})
		if err != nil {
			t.Fatal(err)
		}
		pk, _ := PickupByName("crystal")
		if _, _, err := PlayAll(d, PlayOptions{Pickup: pk}, 0); err != nil {
			t.Fatal(err)
		}
		return wallLost(d, d.ProgrammeStart(), d.ProgrammeEnd())
	}
	film, vinyl := loss(MaterialFilm), loss(MaterialVinyl)
	t.Logf("one crystal play: film loses %.4f µm of wall, vinyl %.6f µm (1/%.0f)", film, vinyl, film/vinyl)
	if !(vinyl > 0) || vinyl > film/30 {
		t.Errorf("vinyl loses %.6f µm per play against film's %.4f µm, want under a thirtieth", vinyl, film)
	}
}

// TestFilmHissAndCrackleGrow: played with the crystal pickup, a bone
// record's surface noise in a silent stretch rises play by play — torn walls
// hiss, then crackle — by at least 3 dB over 25 plays, and keeps rising as
// more wall is gone (tearing), and the crackle shows
// as clicks standing out of the hiss (ten times its median) where a fresh
// groove had none.
func TestFilmHissAndCrackleGrow(t *testing.T) {
	src := testProgramme(6, 1.5, 2)
	d, err := Cut([][]float32{src}, EngineRate, DefaultParams(), CutOptions{})
	if err != nil {
		t.Fatal(err)
	}
	d.marks = nil // no dust or scratches: the clicks counted are the walls' own
	pk, _ := PickupByName("crystal")
	pk.RumbleUM = 0
	ps, n := d.ProgrammeStart(), len(src)
	gap0, gap1 := ps+n/2-EngineRate/2, ps+n/2+EngineRate/2
	var clickLevel float64
	listen := func() (noise float64, clicks int) {
		gap := listen(t, d, PlayOptions{Pickup: pk, Noise: true, Seed: 1, NoWow: true})[gap0:gap1]
		abs := make([]float64, len(gap))
		for i, v := range gap {
			abs[i] = math.Abs(float64(v))
		}
		// the median ignores the dust clicks; the clicks are counted apart,
		// against the fresh groove's level, 1 ms apart at least
		noise = quickMedian(abs)
		clickLevel = 10 * noise // the hiss grows too: a click stands out of today's
		for i := 0; i < len(abs); i++ {
			if abs[i] > clickLevel {
				clicks++
				i += EngineRate / 1000
			}
		}
		return noise, clicks
	}
	age := func(plays int) {
		if _, err := Age(d, PlayOptions{Pickup: pk, Noise: true}, plays, nil); err != nil {
			t.Fatal(err)
		}
	}
	hiss0, clicks0 := listen()
	age(10)
	hiss10, _ := listen()
	age(15)
	hiss1, clicks1 := listen()
	rise := 20 * math.Log10(hiss1/hiss0)
	early, late := 20*math.Log10(hiss10/hiss0)/10, 20*math.Log10(hiss1/hiss10)/15
	t.Logf("film + crystal, silent stretch: noise up %.1f dB after 25 plays (%.2f dB a play in the first 10, %.2f in the next 15), clicks %d → %d",
		rise, early, late, clicks0, clicks1)
	// Torn walls roughen faster the more wall is gone, so in decibels the
	// noise keeps rising late almost as fast as early (a wall wearing
	// smooth would slow to well under that).
	if late < 0.75*early {
		t.Errorf("noise rose %.2f dB a play early and only %.2f late, want at least three quarters of it (tearing)", early, late)
	}
	if rise < 3 || rise > 30 {
		t.Errorf("noise rose %.1f dB in 25 plays, want 3–30 dB", rise)
	}
	if clicks1 <= clicks0 {
		t.Errorf("clicks went from %d to %d, want more crackle", clicks0, clicks1)
	}
}

// TestRumble: the turntable's motor rumbles at its 25 Hz line and below; a
// magnetic cartridge (flat to 20 Hz) hears it in a silent groove, at least
// 10 dB above what it hears of a silent groove on a rumble-free turntable.
func TestRumble(t *testing.T) {
	d, err := Cut([][]float32{make([]float32, 3*EngineRate)}, EngineRate, DefaultParams(), CutOptions{})
	if err != nil {
		t.Fatal(err)
	}
	d.marks = nil
	low := func(rumbleUM float64) float64 {
		pk, _ := PickupByName("magnetic")
		pk.RumbleUM = rumbleUM
		out, _, err := PlayAll(d, PlayOptions{Pickup: pk, Noise: true, Seed: 2, NoWear: true, NoWow: true}, 0)
		if err != nil {
			t.Fatal(err)
		}
		x := make([]float64, 2*EngineRate)
		for i := range x {
			x[i] = float64(out[d.ProgrammeStart()+EngineRate/2+i])
		}
		return bandEnergies(x)(15, 40)
	}
	pk, _ := PickupByName("magnetic")
	with, without := low(pk.RumbleUM), low(0)
	t.Logf("15–40 Hz in a silent groove: %.1f dB above a rumble-free turntable's", db(with/without))
	if with < 10*without {
		t.Errorf("rumble adds %.1f dB at 15–40 Hz, want ≥ 10 dB", db(with/without))
	}
}
