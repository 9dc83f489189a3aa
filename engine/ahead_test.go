package engine

import (
	"math"
	"reflect"
	"testing"
)

// Tracing the contact on a second core (ahead.go) changes nothing: the
// samples, the record and the worn disc are the same bit for bit as when
// one core does everything, on plays that skip, wear a steel needle (the
// footprint changes every 1024 samples), start mid-side, run into the
// locked groove, and on a disc worn by earlier plays.
func TestAheadSameAsSerial(t *testing.T) {
	steel, _ := PickupByName("steel")
	crystal, _ := PickupByName("crystal")
	worn := shortDisc(t, 8, nil, CutOptions{})
	for range 4 {
		if _, _, err := playAll(worn, PlayOptions{Pickup: steel, Noise: true, ReuseNeedle: true}, 0, false); err != nil {
			t.Fatal(err)
		}
	}
	hot := shortDisc(t, 6, nil, CutOptions{LevelDB: 24, Hot: true})
	fresh := shortDisc(t, 8, nil, CutOptions{})
	cases := []struct {
		name  string
		disc  *Disc
		opt   PlayOptions
		skips bool // the play must skip (jumps the worker must follow)
	}{
		{"crystal", fresh, PlayOptions{Pickup: crystal, Noise: true, Seed: 1}, false},
		{"steel, fresh needle", fresh, PlayOptions{Pickup: steel, Noise: true, Seed: 2}, false},
		{"mid-side, no noise", fresh, PlayOptions{Pickup: crystal, Start: fresh.ProgrammeStart() + 54321}, false},
		{"worn, reused needle", worn, PlayOptions{Pickup: steel, Noise: true, Seed: 3, ReuseNeedle: true}, false},
		{"hot cut, skipping", hot, PlayOptions{Pickup: steel, Noise: true, Seed: 4}, true},
	}
	for _, c := range cases {
		one, two := c.disc.Clone(), c.disc.Clone()
		a, ra, err := playAll(one, c.opt, 0, false)
		if err != nil {
			t.Fatal(err)
		}
		b, rb, err := playAll(two, c.opt, 0, true)
		if err != nil {
			t.Fatal(err)
		}
		if c.skips && ra.Skips == 0 {
			t.Errorf("%s: no skip, so no jump was tested", c.name)
		}
		if len(a) != len(b) {
			t.Errorf("%s: %d samples on one core, %d on two", c.name, len(a), len(b))
			continue
		}
		for i := range a {
			if math.Float32bits(a[i]) != math.Float32bits(b[i]) {
				t.Errorf("%s: sample %d of %d is %v on one core, %v on two", c.name, i, len(a), a[i], b[i])
				break
			}
		}
		if !reflect.DeepEqual(ra, rb) {
			t.Errorf("%s: records differ:\n one core %+v\n two cores %+v", c.name, ra, rb)
		}
		if !reflect.DeepEqual(one.State(), two.State()) {
			t.Errorf("%s: the disc wore differently on two cores", c.name)
		}
		t.Logf("%s: %d samples, %d skips, identical", c.name, len(a), ra.Skips)
	}
}
