package lathe

import (
	"math"
	"strings"
	"testing"

	"bonemusic/engine"
)

// variablePitchDisc cuts loud, quiet, loud (seconds each) with variable
// pitch: the loud parts a bass and a treble tone near the lathe's limit, the
// quiet part 40 dB down.
func variablePitchDisc(t *testing.T, loud, quiet float64) *engine.Disc {
	t.Helper()
	n := int((2*loud + quiet) * engine.EngineRate)
	x := make([]float32, n)
	for i := range x {
		s := float64(i) / engine.EngineRate
		v := 0.8*math.Sin(2*math.Pi*110*s) + 0.1*math.Sin(2*math.Pi*1500*s)
		if s >= loud && s < loud+quiet {
			v *= 0.01
		}
		x[i] = float32(v)
	}
	p := engine.DefaultParams()
	p.VariablePitch = true
	d, err := engine.Cut([][]float32{x}, engine.EngineRate, p, engine.CutOptions{})
	if err != nil {
		t.Fatal(err)
	}
	return d
}

// On a variable-pitch disc the plan still follows the engine's own spiral
// turn by turn: each G1 ends on the groove, the carriage advances by the
// engine's local pitch each turn (its feed is that pitch per revolution),
// and the loud turns lie wider apart than the quiet ones.
func TestPlanFollowsVariablePitch(t *testing.T) {
	d := variablePitchDisc(t, 2, 8)
	cfg := DefaultConfig()
	plan, err := PlanCut(d, cfg)
	if err != nil {
		t.Fatal(err)
	}
	n := d.SamplesPerRev()
	p := d.Params
	revS := 60 / p.RPM
	rev := 0
	prevX := math.NaN()
	var loud, quiet []float64 // programme turns' spacing in the plan, mm
	for _, l := range plan.Lines {
		xs, ok := word(l, "X")
		if !ok || !strings.HasPrefix(l, "G1") {
			continue
		}
		rev++
		i := min(rev*n, d.Len()-n)
		if want := d.RadiusMM(i) - cfg.HomeRadiusMM; math.Abs(xs-want) > 0.0005 {
			t.Fatalf("turn %d: X %.4f, the engine's groove is at %.4f", rev, xs, want)
		}
		from := i - n // this G1 cuts the turn from sample from to i
		if from >= d.ProgrammeStart() && i <= d.ProgrammeEnd() {
			space := prevX - xs
			pitch := d.PitchAtMM(from)
			if math.Abs(space-pitch) > 0.001 { // two 3-decimal X words
				t.Fatalf("turn %d: the carriage moves %.4f mm, the engine's pitch is %.4f", rev, space, pitch)
			}
			f, _ := word(l, "F")
			if want := pitch * p.RPM; math.Abs(f-want) > 0.002 {
				t.Fatalf("turn %d: feed %.3f mm/min, want %.3f (pitch × rpm)", rev, f, want)
			}
			if f > plan.FeedMMMin+0.002 {
				t.Errorf("turn %d: feed %.3f above the nominal %.3f", rev, f, plan.FeedMMMin)
			}
			// the turn's time on the programme, s
			s0 := float64(from-d.ProgrammeStart()) / engine.EngineRate
			switch {
			case s0+revS <= 2:
				loud = append(loud, space)
			case s0 >= 4.5 && s0+revS <= 7.5: // the quiet middle, clear of the ramps
				quiet = append(quiet, space)
			}
		}
		prevX = xs
	}
	if rev != plan.Revs || len(loud) < 2 || len(quiet) < 2 {
		t.Fatalf("%d G1 turns (plan says %d), %d loud and %d quiet", rev, plan.Revs, len(loud), len(quiet))
	}
	loudMin, quietMax := math.Inf(1), 0.0
	for _, v := range loud {
		loudMin = math.Min(loudMin, v)
	}
	for _, v := range quiet {
		quietMax = math.Max(quietMax, v)
	}
	t.Logf("loud turns ≥ %.3f mm apart, quiet ones ≤ %.3f mm (nominal %.3f); closest %.3f; X %.3f → %.3f mm",
		loudMin, quietMax, p.PitchMM(), d.MinPitchMM(), plan.StartX, plan.EndX)
	if !(quietMax < loudMin) {
		t.Errorf("quiet turns up to %.3f mm apart, loud ones from %.3f mm: want the loud ones wider", quietMax, loudMin)
	}
}
