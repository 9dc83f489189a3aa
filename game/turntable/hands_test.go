package turntable

import (
	"math"
	"testing"
)

// playing is a turntable with d playing for a second.
func playingFor(t *testing.T, seconds float64) *Turntable {
	t.Helper()
	tt := New(pickup(t, "crystal"))
	tt.Load(shortDisc(t, seconds), 1)
	tt.Drop()
	for i := 0; i < 10*Rate/step && !tt.Now().NeedleDown; i++ {
		tt.Advance(step)
	}
	tt.Advance(Rate)
	if !tt.Now().NeedleDown {
		t.Fatal("the needle never went down")
	}
	return tt
}

// A hand on the platter: turned back, the platter's speed goes negative and
// the needle goes back along the groove; held still, it stops; let go, the
// motor brings it back to speed in about a second. The sound bends without
// clicks: no step between samples larger than the music's own.
func TestScratchFollowsTheHand(t *testing.T) {
	tt := playingFor(t, 6)
	buf := make([]float32, step)
	largestStep := func(n int, each func()) float64 {
		prev, big := float32(0), 0.0
		for i := 0; i < n; i++ {
			each()
			tt.Read(buf)
			for k, v := range buf {
				if i > 0 || k > 0 {
					big = math.Max(big, math.Abs(float64(v-prev)))
				}
				prev = v
			}
		}
		return big
	}
	music := largestStep(Rate/step, func() {})
	before := tt.Now().Sample
	tt.Grab()
	minRPM := math.Inf(1)
	blocks := Rate / 2 / step // half a second turning back at about 30 rpm
	scratch := largestStep(blocks, func() {
		tt.Turn(-2*math.Pi*30/60*step/Rate, float64(step)/Rate)
		minRPM = math.Min(minRPM, tt.Now().RPM)
	})
	back := tt.Now().Sample
	if minRPM > -20 || back >= before {
		t.Errorf("turned back: slowest %.1f rpm, groove sample %d → %d; want negative speed and the needle going back", minRPM, before, back)
	}
	largestStep(Rate/2/step, func() { tt.Turn(0, float64(step)/Rate) }) // held still for half a second
	if rpm := tt.Now().RPM; math.Abs(rpm) > 1 {
		t.Errorf("held still: %.2f rpm", rpm)
	}
	if scratch > 3*music {
		t.Errorf("largest step between samples %.4f while scratching, %.4f in the music: clicks", scratch, music)
	}
	tt.Release()
	tt.Advance(Rate * 9 / 10)
	if rpm := tt.Now().RPM; rpm > 78 {
		t.Errorf("0.9 s after letting go: %.1f rpm, the motor needs about a second", rpm)
	}
	tt.Advance(Rate / 5)
	if rpm := tt.Now().RPM; math.Abs(rpm-tt.Now().SetRPM) > 0.01 {
		t.Errorf("1.1 s after letting go: %.1f rpm, want %.2f", rpm, tt.Now().SetRPM)
	}
	if !tt.Now().NeedleDown {
		t.Error("the scratch threw the needle out")
	}
	tt.Lift()
	if f := tt.Finished(); len(f) != 1 || f[0].SamplesTraced <= 0 {
		t.Errorf("the play with the scratch: %+v", f)
	}
}

// The arm dragged to the middle of the side and let go: the needle goes
// down there and the play starts from that groove.
func TestArmDraggedToTheMiddle(t *testing.T) {
	tt := New(pickup(t, "crystal"))
	d := shortDisc(t, 8)
	tt.Load(d, 1)
	mid := (d.ProgrammeStart() + d.ProgrammeEnd()) / 2
	tt.HoldArm()
	tt.MoveArm(d.RadiusMM(mid))
	if now := tt.Now(); now.Arm != ArmHeld || now.NeedleDown || math.Abs(now.ArmRadiusMM-d.RadiusMM(mid)) > 1e-9 {
		t.Fatalf("in the hand: %+v", now)
	}
	tt.LetGoArm()
	tt.Advance(Rate) // the lever lowers it in half a second
	now := tt.Now()
	turn := d.SamplesPerRev()
	if !now.NeedleDown || now.Sample < mid || now.Sample > mid+turn*2 {
		t.Errorf("let go over sample %d: needle down %v at sample %d", mid, now.NeedleDown, now.Sample)
	}
	// Off the record the arm goes home.
	tt.HoldArm()
	tt.MoveArm(1000)
	tt.LetGoArm()
	tt.Advance(2 * Rate)
	if now := tt.Now(); now.Arm != ArmRest || len(tt.Finished()) != 1 {
		t.Errorf("let go off the record: arm %v", now.Arm)
	}
}

// The cueing lever raises the needle and leaves the arm over the groove;
// lowered again, the play goes on from there. The keyboard's nudge moves
// the arm with the needle up.
func TestCueingLever(t *testing.T) {
	tt := playingFor(t, 6)
	at := tt.Now()
	tt.Cue()
	if now := tt.Now(); now.Arm != ArmCued || now.NeedleDown || now.ArmRadiusMM != at.ArmRadiusMM {
		t.Fatalf("after the lever: %+v", now)
	}
	if len(tt.Finished()) != 1 {
		t.Error("raising the needle did not end the play")
	}
	tt.Cue()
	tt.Advance(Rate)
	if now := tt.Now(); !now.NeedleDown || now.Sample < at.Sample || now.Sample > at.Sample+2*Rate {
		t.Errorf("lowered again: needle down %v at sample %d (raised at %d)", now.NeedleDown, now.Sample, at.Sample)
	}
	tt.NudgeArm(-3)
	if now := tt.Now(); now.Arm != ArmCued || now.NeedleDown {
		t.Errorf("nudged: %+v", now)
	}
}

// A speed change while playing is heard at once, with the motor's inertia:
// the platter slows from 78 to 45 rpm over a fraction of a second.
func TestSpeedChangeWhilePlaying(t *testing.T) {
	tt := playingFor(t, 6)
	tt.SetRPM(45)
	if rpm := tt.Now().RPM; math.Abs(rpm-78.26) > 0.5 {
		t.Errorf("at the change: %.1f rpm, the platter cannot jump", rpm)
	}
	tt.Advance(Rate / 10)
	mid := tt.Now().RPM
	tt.Advance(Rate / 2)
	if end := tt.Now().RPM; !(mid < 78 && mid > 46) || math.Abs(end-45) > 0.01 {
		t.Errorf("slowing down: %.1f rpm after 0.1 s, %.1f after 0.6 s", mid, end)
	}
	// and the needle now goes along the groove at 45/78.26 of the cut speed
	from := tt.Now().Sample
	tt.Advance(Rate / 2)
	if got, want := float64(tt.Now().Sample-from), 45/78.26*Rate/2; math.Abs(got-want) > 0.02*want {
		t.Errorf("at 45 rpm the needle moved %.0f samples in 0.5 s, want %.0f", got, want)
	}
}
