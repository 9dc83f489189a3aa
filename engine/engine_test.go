package engine

import (
	"errors"
	"io"
	"math"
	"reflect"
	"strings"
	"testing"
)

func shortDisc(t testing.TB, secs float64, mut func(*Params), opt CutOptions) *Disc {
	t.Helper()
	p := DefaultParams()
	if mut != nil {
		mut(&p)
	}
	d, err := Cut([][]float32{testProgramme(secs, 0, 11)}, EngineRate, p, opt)
	if err != nil {
		t.Fatal(err)
	}
	return d
}

func TestCapacityAndTooLong(t *testing.T) {
	p := DefaultParams()
	if c := p.Capacity(); c < 180 || c > 195 {
		t.Errorf("bone default capacity %.1f s, want about 3 min 10 s", c)
	}
	// 10 lpi-tight disc holding ~4 s
	p.StartRadiusMM, p.EndRadiusMM = 118, 117
	long := make([]float32, 10*EngineRate)
	_, err := Cut([][]float32{long}, EngineRate, p, CutOptions{})
	if err == nil || !strings.Contains(err.Error(), "at most 0:03.0") {
		t.Fatalf("want a too-long error naming the maximum, got %v", err)
	}
	// incremental cutter refuses too
	c, err := NewCutter(p, CutOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if err := c.Write(long); err == nil || !strings.Contains(err.Error(), "at most") {
		t.Fatalf("cutter: want too-long error, got %v", err)
	}
}

func TestCutBadInput(t *testing.T) {
	p := DefaultParams()
	cases := []struct {
		name string
		in   [][]float32
		rate int
		opt  CutOptions
		ok   bool
	}{
		{"empty", nil, EngineRate, CutOptions{}, true},
		{"zero-length", [][]float32{{}}, EngineRate, CutOptions{}, true},
		{"nan-inf", [][]float32{{float32(math.NaN()), float32(math.Inf(1)), 0.5, float32(math.Inf(-1))}}, EngineRate, CutOptions{}, true},
		{"ragged", [][]float32{{1, 2}, {1}}, EngineRate, CutOptions{}, false},
		{"rate", [][]float32{{0}}, 1000, CutOptions{}, false},
		{"level", [][]float32{{0}}, EngineRate, CutOptions{LevelDB: math.NaN()}, false},
		{"48k-stereo", [][]float32{make([]float32, 4800), make([]float32, 4800)}, 48000, CutOptions{}, true},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			d, err := Cut(c.in, c.rate, p, c.opt)
			if (err == nil) != c.ok {
				t.Fatalf("err = %v, want ok=%v", err, c.ok)
			}
			if d == nil {
				return
			}
			for i := 0; i < d.Len(); i++ {
				if v := d.LateralUM(i); math.IsNaN(v) || math.IsInf(v, 0) {
					t.Fatalf("sample %d is %v", i, v)
				}
			}
			out, _, err := PlayAll(d, PlayOptions{Pickup: Pickups[1], Noise: true}, 0)
			if err != nil {
				t.Fatal(err)
			}
			for _, v := range out {
				if v != v {
					t.Fatal("NaN in playback")
				}
			}
		})
	}
	bad := p
	bad.LPI = 20
	if _, err := Cut(nil, EngineRate, bad, CutOptions{}); err == nil {
		t.Error("want error for 20 lpi")
	}
}

func TestResampledLength(t *testing.T) {
	src := make([]float32, 48000) // 1 s at 48 kHz
	for i := range src {
		src[i] = float32(0.3 * math.Sin(2*math.Pi*440*float64(i)/48000))
	}
	d, err := Cut([][]float32{src}, 48000, DefaultParams(), CutOptions{})
	if err != nil {
		t.Fatal(err)
	}
	got := d.ProgrammeEnd() - d.ProgrammeStart()
	if got < EngineRate || got > EngineRate+600 {
		t.Errorf("1 s at 48 kHz became %d samples", got)
	}
}

func TestGeometry(t *testing.T) {
	d := shortDisc(t, 5, nil, CutOptions{})
	p := d.Params
	if r := d.RadiusMM(0); math.Abs(r-(p.StartRadiusMM+leadInMM)) > 1e-9 {
		t.Errorf("lead-in starts at %.3f mm", r)
	}
	if r := d.RadiusMM(d.ProgrammeStart()); math.Abs(r-p.StartRadiusMM) > 1e-9 {
		t.Errorf("programme starts at %.3f mm", r)
	}
	n := d.SamplesPerRev()
	if n != 33810 {
		t.Errorf("samples per rev %d, want 33810 at 78.26 rpm", n)
	}
	if got := d.RadiusMM(d.ProgrammeStart()) - d.RadiusMM(d.ProgrammeStart()+n); math.Abs(got-p.PitchMM()) > 1e-9 {
		t.Errorf("pitch %.4f mm, want %.4f", got, p.PitchMM())
	}
	prev := math.Inf(1)
	for i := 0; i < d.Len(); i += 97 {
		r := d.RadiusMM(i)
		if r > prev+1e-12 {
			t.Fatalf("radius grows at %d", i)
		}
		prev = r
		if a := d.AngleRad(i); a < 0 || a >= 2*math.Pi {
			t.Fatalf("angle %v", a)
		}
	}
	if d.Len() != d.ProgrammeEnd()+3*n {
		t.Errorf("Len %d, want programme end + run-out + locked turn", d.Len())
	}
	if w := d.GrooveWidthUM(); w != 120 {
		t.Errorf("film groove width %v µm", w)
	}
}

// The lathe limiter keeps the slope ≤ 1 and the swing inside the land even
// when the level is far too hot; Hot skips it and breaks walls.
func TestLimiterAndHot(t *testing.T) {
	for _, hot := range []bool{false, true} {
		d := shortDisc(t, 6, nil, CutOptions{LevelDB: 24, Hot: hot})
		land := d.Params.PitchMM()*1000 - d.GrooveWidthUM()
		maxSlope, maxExc, minWall := 0.0, 0.0, math.Inf(1)
		for i := d.ProgrammeStart() + 1; i < d.ProgrammeEnd(); i++ {
			s := math.Abs(d.FreshLateralUM(i)-d.FreshLateralUM(i-1)) / d.arcUM(float64(i))
			maxSlope = math.Max(maxSlope, s)
			maxExc = math.Max(maxExc, math.Abs(d.FreshLateralUM(i)))
			minWall = math.Min(minWall, d.WallHeightUM(i))
		}
		t.Logf("hot=%v: max slope %.2f, max excursion %.1f µm (half land %.0f), lowest wall %.1f µm", hot, maxSlope, maxExc, land/2, minWall)
		if !hot && (maxSlope > 1.0001 || maxExc > land/2) {
			t.Errorf("limiter let slope %.3f / excursion %.1f µm through", maxSlope, maxExc)
		}
		if hot {
			if minWall >= d.Params.Material.props().depthUM {
				t.Error("hot cut broke no walls")
			}
			_, rec, _ := PlayAll(d, PlayOptions{Pickup: Pickups[0], Noise: true}, 0)
			if rec.Skips == 0 {
				t.Error("hot cut played without a skip")
			}
		}
	}
}

func TestStateRestore(t *testing.T) {
	d := shortDisc(t, 3, nil, CutOptions{})
	if _, _, err := PlayAll(d, PlayOptions{Pickup: Pickups[0], Noise: true, Seed: 2}, 0); err != nil {
		t.Fatal(err)
	}
	s := d.State()
	d2, err := Restore(s)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(d2.State(), s) {
		t.Fatal("Restore(State()) differs")
	}
	a, _, _ := PlayAll(d, PlayOptions{Pickup: Pickups[1], Noise: true, Seed: 5}, 0)
	b, _, _ := PlayAll(d2, PlayOptions{Pickup: Pickups[1], Noise: true, Seed: 5}, 0)
	if !reflect.DeepEqual(a, b) {
		t.Fatal("restored disc plays differently")
	}
	bad := []func(*DiscState){
		func(s *DiscState) { s.Version = 99 },
		func(s *DiscState) { s.Groove = s.Groove[:len(s.Groove)-1] },
		func(s *DiscState) { s.WallUM[3] = float32(math.NaN()) },
		func(s *DiscState) { s.SmoothUM2 = nil },
		func(s *DiscState) { s.Params.RPM = math.Inf(1) },
		func(s *DiscState) { s.ProgrammeLen = -5 },
		func(s *DiscState) { s.ProgrammeLen = 1 << 40 },
		func(s *DiscState) { s.LateralScaleUM = 0 },
		func(s *DiscState) { s.Marks = append(s.Marks, Mark{RadiusMM: math.NaN()}) },
		func(s *DiscState) { s.History = append(s.History, PlayRecord{FidelityDB: math.Inf(-1)}) },
		func(s *DiscState) { s.Cut.TurnoverHz = 0 },
	}
	for i, f := range bad {
		s := d.State()
		f(&s)
		if _, err := Restore(s); err == nil {
			t.Errorf("corruption %d accepted", i)
		}
	}
}

// Wear follows the music: on a disc whose first half is silence and second
// half loud treble (a 4 kHz tone at −3 dBFS), two crystal plays take more
// wall from the loud half than from the silent one — more so on the inner
// turns, where the same tone bends the groove four times as sharply — and
// wear never adds modulation or lowers roughness.
func TestWearFollowsTheMusic(t *testing.T) {
	outer := wearRatio(t, 118)
	inner := wearRatio(t, 62)
	if outer < 1.5 || outer > 20 || inner < 1.5*outer || inner > 200 {
		t.Errorf("loud/silent wall loss %.1f× outside (want 1.5–20×), %.1f× inside (want 1.5× the outer's, < 200×)", outer, inner)
	}
}

func wearRatio(t *testing.T, startMM float64) float64 {
	src := make([]float32, 6*EngineRate)
	for i := len(src) / 2; i < len(src); i++ {
		src[i] = float32(0.7 * math.Sin(2*math.Pi*4000*float64(i)/EngineRate))
	}
	p := DefaultParams()
	p.StartRadiusMM, p.EndRadiusMM = startMM, 57
	d, err := Cut([][]float32{src}, EngineRate, p, CutOptions{})
	if err != nil {
		t.Fatal(err)
	}
	pk, _ := PickupByName("crystal")
	prev := d.State()
	for play := 0; play < 2; play++ {
		if _, _, err := PlayAll(d, PlayOptions{Pickup: pk, Seed: uint64(play)}, 0); err != nil {
			t.Fatal(err)
		}
		cur := d.State()
		for b := range cur.WallUM {
			if cur.WallUM[b] > prev.WallUM[b] || cur.SmoothUM2[b] < prev.SmoothUM2[b] || cur.RoughUM[b] < prev.RoughUM[b] {
				t.Fatalf("play %d: cell %d un-wore", play+1, b)
			}
		}
		prev = cur
	}
	ps, half := d.ProgrammeStart(), len(src)/2
	quiet := wallLost(d, ps+EngineRate/2, ps+half-EngineRate/2)
	loud := wallLost(d, ps+half+EngineRate/2, ps+len(src)-EngineRate/2)
	t.Logf("r = %.0f mm: wall lost in two crystal plays: silence %.3f µm, loud 4 kHz %.3f µm (%.1f×)", startMM, quiet, loud, loud/quiet)
	if !(quiet > 0) {
		t.Fatalf("silence lost %.3f µm", quiet)
	}
	for i0 := ps; i0+4096 < d.ProgrammeEnd(); i0 += 4096 {
		var fresh, worn float64
		for i := i0; i < i0+4096; i++ {
			fresh += d.FreshLateralUM(i) * d.FreshLateralUM(i)
			worn += d.LateralUM(i) * d.LateralUM(i)
		}
		if worn > fresh*1.0001+1e-9 {
			t.Fatalf("wear added modulation at %d: %.4g > %.4g", i0, worn, fresh)
		}
	}
	return loud / quiet
}

func TestPickups(t *testing.T) {
	// Every shipped pickup overloads film (Hertz mean pressure above 120
	// MPa), so each contact is plastic: a = √(F/πH), F = 0.71·F_track.
	want := map[string][2]float64{"steel": {46.5, 47.5}, "crystal": {22.4, 23}, "magnetic": {9.4, 9.8}}
	for _, p := range Pickups {
		got, err := PickupByName(strings.ToUpper(p.Name))
		if err != nil || got.Name != p.Name {
			t.Fatalf("PickupByName(%q) = %v, %v", p.Name, got, err)
		}
		a := p.contactUM(MaterialFilm)
		if r := want[p.Name]; a < r[0] || a > r[1] {
			t.Errorf("%s: contact half-length on film %.1f µm, want %v", p.Name, a, r)
		}
	}
	// A light 1 g tip on hard shellac stays elastic: the Hertz half-length
	// (3FR/4E*)^⅓ = 3.7 µm.
	light := Pickup{Name: "light", ForceGrams: 1, TipRadiusUM: 63}
	if a := light.contactUM(MaterialShellac); a < 3.6 || a > 3.8 {
		t.Errorf("1 g on shellac: contact half-length %.2f µm, want the elastic 3.7", a)
	}
	if _, err := PickupByName("bamboo"); err == nil {
		t.Error("unknown pickup accepted")
	}
	bad := Pickups[0]
	bad.ForceGrams = math.NaN()
	if _, err := NewPlayer(shortDisc(t, 1, nil, CutOptions{}), PlayOptions{Pickup: bad}); err == nil {
		t.Error("NaN force accepted")
	}
}

// Streaming in small blocks gives exactly the bulk samples.
func TestStreamEqualsBulk(t *testing.T) {
	d := shortDisc(t, 3, nil, CutOptions{})
	d2, _ := Restore(d.State())
	opt := PlayOptions{Pickup: Pickups[0], Noise: true, Seed: 9}
	bulk, rec1, _ := PlayAll(d, opt, 0)
	p, err := NewPlayer(d2, opt)
	if err != nil {
		t.Fatal(err)
	}
	var got []float32
	buf := make([]float32, 441)
	for len(got) < len(bulk) {
		n, err := p.Read(buf[:min(441, len(bulk)-len(got))])
		got = append(got, buf[:n]...)
		if err != nil {
			t.Fatal(err)
		}
	}
	rec2 := p.Lift()
	if !reflect.DeepEqual(got, bulk) {
		t.Fatal("streamed samples differ from bulk")
	}
	if rec1.FidelityDB != rec2.FidelityDB || !reflect.DeepEqual(d.State(), d2.State()) {
		t.Fatal("streamed play wore the disc differently")
	}
}

func TestSpeedAndLockedGroove(t *testing.T) {
	d := shortDisc(t, 2, nil, CutOptions{})
	// 78 played at 45: runs 78.26/45 times longer.
	out, _, _ := PlayAll(d, PlayOptions{Pickup: Pickups[2], RPM: RPM45, NoWear: true}, 0)
	want := float64(d.Len()) * RPM78 / RPM45
	if r := float64(len(out)) / want; r < 0.97 || r > 1.03 {
		t.Errorf("45 rpm play length ratio %.3f", r)
	}
	// The locked groove never ends by itself.
	p, _ := NewPlayer(d, PlayOptions{Pickup: Pickups[2], Start: d.ProgrammeEnd()})
	buf := make([]float32, 4096)
	for i := 0; i < 6*d.SamplesPerRev()/4096; i++ {
		if _, err := p.Read(buf); err != nil {
			t.Fatal(err)
		}
	}
	if s, _ := p.Position(); s < d.lockStart() || s >= d.Len() {
		t.Errorf("stylus at %d, want inside the locked turn [%d, %d)", s, d.lockStart(), d.Len())
	}
	// Stop and scratch backwards.
	s0, _ := p.Position()
	p.SetSpeed(0)
	p.Read(buf)
	if s1, _ := p.Position(); s1 != s0 {
		t.Errorf("stopped disc moved from %d to %d", s0, s1)
	}
	p.SetSpeed(-2)
	p.Read(buf)
	if s2, _ := p.Position(); s2 >= s0 && s0-s2 < 8000 {
		t.Errorf("backwards scratch did not move back: %d → %d", s0, s2)
	}
	rec := p.Lift()
	if _, err := p.Read(buf); !errors.Is(err, io.EOF) {
		t.Errorf("read after lift: %v", err)
	}
	if h := d.History(); len(h) != 2 || h[1] != rec {
		t.Errorf("history %v", h)
	}
	// Running off the edge backwards ends the play.
	p, _ = NewPlayer(d, PlayOptions{Pickup: Pickups[2], Start: 1000})
	p.SetSpeed(-1)
	if _, err := p.Read(make([]float32, 2000)); !errors.Is(err, io.EOF) {
		t.Errorf("running off the edge: %v", err)
	}
}

// A partial play wears only what the stylus traced.
func TestPartialPlayWear(t *testing.T) {
	d := shortDisc(t, 4, nil, CutOptions{})
	p, _ := NewPlayer(d, PlayOptions{Pickup: Pickups[0], Start: d.ProgrammeStart()})
	p.Read(make([]float32, EngineRate))
	end, _ := p.Position()
	rec := p.Lift()
	if rec.Seconds != 1 || rec.SamplesTraced < EngineRate*9/10 {
		t.Errorf("record %+v", rec)
	}
	worn, untouched := d.ProgrammeStart()+EngineRate/2, end+4*BlockSize
	if d.WallHeightUM(worn) >= d.freshWallUM(worn/BlockSize)-1e-3 {
		t.Error("traced groove not worn")
	}
	if d.WallHeightUM(untouched) != float64(float32(d.freshWallUM(untouched/BlockSize))) {
		t.Error("untraced groove worn")
	}
}

func TestFidelity(t *testing.T) {
	ref := testProgramme(3, 0, 5)
	shifted := make([]float32, len(ref))
	for i := range ref {
		if j := i - 37; j >= 0 {
			shifted[i] = 3 * ref[j]
		}
	}
	if f := Fidelity(ref, shifted); f < 30 {
		t.Errorf("gain ×3 and 37-sample delay: %.1f dB, want ≥ 30", f)
	}
	noisy := append([]float32(nil), ref...)
	var s uint64
	for i := range noisy {
		s = splitmix64(s + 1)
		a, _ := tri2(s)
		noisy[i] += float32(0.05 * a)
	}
	f1 := Fidelity(ref, noisy)
	for i := range noisy {
		s = splitmix64(s + 1)
		a, _ := tri2(s)
		noisy[i] += float32(0.2 * a)
	}
	if f2 := Fidelity(ref, noisy); !(f2 < f1) {
		t.Errorf("more noise, fidelity %.1f → %.1f", f1, f2)
	}
	if f := Fidelity(nil, nil); f != -10 {
		t.Errorf("empty fidelity %v", f)
	}
	if f := Fidelity(make([]float32, 100), make([]float32, 100)); f != -10 {
		t.Errorf("silent fidelity %v", f)
	}
}

func TestIncrementalCutterMatchesCut(t *testing.T) {
	src := testProgramme(3, 0, 8)
	p := DefaultParams()
	a, err := Cut([][]float32{src}, EngineRate, p, CutOptions{})
	if err != nil {
		t.Fatal(err)
	}
	c, _ := NewCutter(p, CutOptions{})
	for off := 0; off < len(src); off += 1000 {
		if err := c.Write(src[off:min(len(src), off+1000)]); err != nil {
			t.Fatal(err)
		}
	}
	b, err := c.Finish()
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(a.State(), b.State()) {
		t.Fatal("chunked cut differs from bulk cut")
	}
	if _, err := c.Finish(); err == nil {
		t.Error("second Finish accepted")
	}
}

func TestMemoryBudget(t *testing.T) {
	if reduced() {
		t.Skip("3-minute disc skipped under -short / wasm")
	}
	p := DefaultParams()
	src := make([]float32, int(p.Capacity()*EngineRate)-EngineRate)
	d, err := Cut([][]float32{src}, EngineRate, p, CutOptions{})
	if err != nil {
		t.Fatal(err)
	}
	mb := float64(d.MemoryBytes()) / (1 << 20)
	t.Logf("full %.0f s disc: %.1f MiB", p.Capacity(), mb)
	if mb > 32 {
		t.Errorf("disc uses %.1f MiB, want ≤ 32", mb)
	}
}

// Steel wears film far faster than crystal, and crystal than magnetic.
func TestWearRanking(t *testing.T) {
	var loss [3]float64
	for i, pk := range Pickups {
		d := shortDisc(t, 3, nil, CutOptions{})
		if _, _, err := PlayAll(d, PlayOptions{Pickup: pk, Noise: true}, 0); err != nil {
			t.Fatal(err)
		}
		mid := d.ProgrammeStart() + EngineRate
		loss[i] = d.freshWallUM(mid/BlockSize) - d.WallHeightUM(mid)
		t.Logf("%s on film: %.3f µm of wall and σ = %.1f µm per play", pk.Name, loss[i], d.SmoothingUM(mid))
	}
	if !(loss[0] > 3*loss[1] && loss[1] > 2*loss[2] && loss[2] > 0) {
		t.Errorf("wall loss per play steel/crystal/magnetic = %.3f/%.3f/%.3f µm", loss[0], loss[1], loss[2])
	}
}

// Chatter: as the walls of a loud passage lose grip, its tip rattles and
// wears them faster still, so the loud half of a disc loses wall ever faster
// than the silent half — the ratio grows play by play, and the disc fails
// from its loudest places outwards.
func TestLoudPlacesWearFasterAsTheyWear(t *testing.T) {
	src := make([]float32, 4*EngineRate)
	for i := len(src) / 2; i < len(src); i++ {
		src[i] = float32(0.7 * math.Sin(2*math.Pi*4000*float64(i)/EngineRate))
	}
	d, err := Cut([][]float32{src}, EngineRate, DefaultParams(), CutOptions{})
	if err != nil {
		t.Fatal(err)
	}
	pk, _ := PickupByName("crystal")
	ps, half := d.ProgrammeStart(), len(src)/2
	ratio := func() float64 {
		return wallLost(d, ps+half+EngineRate/4, ps+len(src)-EngineRate/4) / wallLost(d, ps+EngineRate/4, ps+half-EngineRate/4)
	}
	if _, err := Age(d, PlayOptions{Pickup: pk}, 2, nil); err != nil {
		t.Fatal(err)
	}
	early := ratio()
	if _, err := Age(d, PlayOptions{Pickup: pk}, 28, nil); err != nil {
		t.Fatal(err)
	}
	late := ratio()
	t.Logf("loud/silent wall loss: %.2f× after 2 crystal plays, %.2f× after 30", early, late)
	if late < 1.2*early {
		t.Errorf("loud/silent wall loss went from %.2f× to %.2f×, want it to grow by 20 %%", early, late)
	}
}

// A fresh film disc's cut depth wanders, but nothing of it is wear.
func TestFreshDiscHasNoWear(t *testing.T) {
	d := shortDisc(t, 2, nil, CutOptions{})
	lo, hi := math.Inf(1), 0.0
	for i := d.ProgrammeStart(); i < d.ProgrammeEnd(); i += 101 {
		if w := d.Wear(i); w != 0 {
			t.Fatalf("sample %d: fresh disc shows wear %.3f", i, w)
		}
		h := d.FreshWallHeightUM(i)
		lo, hi = math.Min(lo, h), math.Max(hi, h)
	}
	if lo == hi || lo < 60*(1-depthWander)-1e-3 || hi > 60*(1+depthWander)+1e-3 {
		t.Errorf("fresh wall %.1f–%.1f µm, want a wander within 60 µm ± %.0f %%", lo, hi, 100*depthWander)
	}
}
