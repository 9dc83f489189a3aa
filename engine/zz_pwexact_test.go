package engine

// Temporary exactness harness (not part of the project): PWEXACT=path writes
// a dump of many plays; the dump of the baseline and of the optimised engine
// must be byte-identical.

import (
	"crypto/sha256"
	"encoding/binary"
	"fmt"
	"math"
	"os"
	"testing"
)

type pwDump struct {
	f   *os.File
	sum [32]byte
	t   *testing.T
}

func (w *pwDump) floats(name string, x []float32) {
	h := sha256.New()
	for _, v := range x {
		binary.Write(h, binary.LittleEndian, math.Float32bits(v))
	}
	fmt.Fprintf(w.f, "%s %d %x\n", name, len(x), h.Sum(nil))
}

func (w *pwDump) disc(name string, d *Disc) {
	s := d.State()
	w.floats(name+".wall", s.WallUM)
	w.floats(name+".smooth", s.SmoothUM2)
	w.floats(name+".rough", s.RoughUM)
	for i, r := range d.History() {
		fmt.Fprintf(w.f, "%s.rec%d %+v\n", name, i, r)
	}
}

func TestPWExact(t *testing.T) {
	path := os.Getenv("PWEXACT")
	if path == "" {
		t.Skip()
	}
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	w := &pwDump{f: f, t: t}
	src := testProgramme(12, 1, 5)
	for ci, cfg := range []struct {
		mut func(*Params)
		opt CutOptions
	}{
		{nil, CutOptions{}},
		{func(p *Params) { p.VariablePitch = true }, CutOptions{LevelDB: 6}},
		{func(p *Params) { p.Material = MaterialShellac }, CutOptions{Hot: true, LevelDB: 9}},
		{func(p *Params) { p.RPM = RPM45; p.LPI = 150 }, CutOptions{Characteristic: CharRIAA}},
	} {
		p := DefaultParams()
		if cfg.mut != nil {
			cfg.mut(&p)
		}
		d, err := Cut([][]float32{src}, EngineRate, p, cfg.opt)
		if err != nil {
			t.Fatal(err)
		}
		name := fmt.Sprint("cut", ci)
		w.floats(name+".groove", func() []float32 {
			o := make([]float32, len(d.groove))
			for i, v := range d.groove {
				o[i] = float32(v)
			}
			return o
		}())
		for pi, po := range []PlayOptions{
			{Pickup: Pickups[1], Noise: true, Seed: 1},
			{Pickup: Pickups[0], Noise: true, Seed: 2},
			{Pickup: Pickups[0], Noise: true, Seed: 3, ReuseNeedle: true},
			{Pickup: Pickups[2], Noise: true, Seed: 4, RPM: 45},
			{Pickup: IdealPickup(), Noise: false, Seed: 5},
			{Pickup: Pickup{Name: "tiny", ForceGrams: 3, TipRadiusUM: 8, TipMassMG: 1, Abrasion: 1, Response: ResponseMagnetic}, Noise: true, Seed: 6},
			{Pickup: Pickups[1], Noise: true, Seed: 7, NoWow: true, Start: d.ProgrammeStart() + 12345},
		} {
			out, _, err := PlayAll(d, po, 0)
			if err != nil {
				t.Fatal(err)
			}
			w.floats(fmt.Sprintf("%s.play%d", name, pi), out)
		}
		w.disc(name, d)
		// age it hard, then play worn (crackle, far segments, skips)
		if _, err := Age(d, PlayOptions{Pickup: Pickups[0], Noise: true, Seed: 1}, 12, nil); err != nil {
			t.Fatal(err)
		}
		w.disc(name+".aged", d)
		out, _, err := PlayAll(d, PlayOptions{Pickup: Pickups[0], Noise: true, Seed: 8}, 0)
		if err != nil {
			t.Fatal(err)
		}
		w.floats(name+".worn", out)
		w.disc(name+".worn", d)
		// streaming with speed changes, backwards and forwards
		pl, err := NewPlayer(d, PlayOptions{Pickup: Pickups[1], Noise: true, Seed: 9, Start: d.ProgrammeStart() + 44100})
		if err != nil {
			t.Fatal(err)
		}
		var all []float32
		buf := make([]float32, 441)
		for k, sp := range []float64{1, 1, 0.5, -1, -2, 0, 3, 1, -0.7, 8, 1, 1} {
			pl.SetSpeed(sp)
			for r := 0; r < 10+k; r++ {
				n, _ := pl.Read(buf)
				all = append(all, buf[:n]...)
			}
		}
		pl.Lift()
		w.floats(name+".stream", all)
		w.disc(name+".stream", d)
	}
}
