//go:build !js

package game

import (
	"math"
	"testing"

	"bonemusic/engine"
	"bonemusic/game/turntable"
)

// turntableWith is a test app with a short record on the turntable.
func turntableWith(t *testing.T, seconds float64) (*app, scene, *engine.Disc) {
	t.Helper()
	a := newTestApp()
	d, err := engine.Cut([][]float32{make([]float32, int(seconds*engine.EngineRate))}, engine.EngineRate, engine.DefaultParams(), engine.CutOptions{})
	if err != nil {
		t.Fatal(err)
	}
	sc := a.playDisc(d)
	return a, tick(a, sc, &Input{}), d
}

// geometry of the turntable scene's record on the test screen.
func recordGeometry(a *app, d *engine.Disc) (Point, float64) {
	stage, _ := metricsFor(a.w, a.h).stage()
	return stage.Center(), stage.W * 0.92 / d.Params.DiameterMM
}

// A drag round the record against its turning scratches: the platter's
// speed goes negative while the hand turns it back, and the motor brings
// it back to speed after the hand lets go.
func TestDragScratchesTheRecord(t *testing.T) {
	a, sc, d := turntableWith(t, 6)
	sc = tick(a, sc, tapOn(t, a, "play"))
	for i := 0; i < 3*60 && !a.tt.Now().NeedleDown; i++ {
		sc = tick(a, sc, &Input{})
	}
	for i := 0; i < 2*60; i++ { // two seconds into the side
		sc = tick(a, sc, &Input{})
	}
	c, pxPerMM := recordGeometry(a, d)
	r := 80 * pxPerMM
	at := func(ang float64) Point { return Point{c.X + r*math.Cos(ang), c.Y + r*math.Sin(ang)} }
	start := at(math.Pi / 2)
	minRPM := math.Inf(1)
	for i := 0; i <= 30; i++ { // half a second turning it back by a quarter turn
		p := at(math.Pi/2 - float64(i)*math.Pi/2/30)
		sc = tick(a, sc, &Input{Drags: []Drag{{ID: 1, From: start, At: p, Released: i == 30}}})
		minRPM = math.Min(minRPM, a.tt.Now().RPM)
	}
	if minRPM > -5 {
		t.Errorf("turned back by hand, the slowest the platter went was %.1f rpm; want it negative", minRPM)
	}
	for i := 0; i < 2*60; i++ { // from turning back, the motor needs up to two seconds
		sc = tick(a, sc, &Input{})
	}
	if now := a.tt.Now(); math.Abs(now.RPM-now.SetRPM) > 0.01 || !now.NeedleDown {
		t.Errorf("2 s after letting go: %.1f rpm, needle down %v", now.RPM, now.NeedleDown)
	}
}

// The headshell picked up while playing (the needle leaves the groove),
// carried to the middle of the side and let go: the needle goes down there.
func TestDragTheArmToTheMiddle(t *testing.T) {
	a, sc, d := turntableWith(t, 10)
	sc = tick(a, sc, tapOn(t, a, "play"))
	for i := 0; i < 3*60 && !a.tt.Now().NeedleDown; i++ {
		sc = tick(a, sc, &Input{})
	}
	c, pxPerMM := recordGeometry(a, d)
	mid := (d.ProgrammeStart() + d.ProgrammeEnd()) / 2
	hx, hy := needleAt(a.tt.Now().ArmRadiusMM, c, pxPerMM)
	from := Point{hx, hy}
	tx, ty := needleAt(d.RadiusMM(mid), c, pxPerMM)
	to := Point{tx, ty}
	for i := 0; i <= 20; i++ {
		f := float64(i) / 20
		p := Point{from.X + (to.X-from.X)*f, from.Y + (to.Y-from.Y)*f}
		sc = tick(a, sc, &Input{Drags: []Drag{{ID: -1, From: from, At: p, Released: i == 20}}})
		if now := a.tt.Now(); i == 10 && (now.Arm != turntable.ArmHeld || now.NeedleDown) {
			t.Fatalf("mid-drag the arm is %v, needle down %v; want held, up", now.Arm, now.NeedleDown)
		}
	}
	for i := 0; i < 60 && !a.tt.Now().NeedleDown; i++ {
		sc = tick(a, sc, &Input{})
	}
	now := a.tt.Now()
	if !now.NeedleDown || math.Abs(float64(now.Sample-mid)) > float64(2*d.SamplesPerRev()) {
		t.Errorf("let go over sample %d: needle down %v at %d", mid, now.NeedleDown, now.Sample)
	}
}

// The keyboard alone: Space plays, Space again raises the needle (the arm
// stays over the groove), the arrows move it, Space lowers it there; G
// with the left arrow turns the platter back.
func TestKeyboardPlaysAndScratches(t *testing.T) {
	a, sc, _ := turntableWith(t, 10)
	press := func(k Keys) { sc = tick(a, sc, &Input{Keys: k}) }
	wait := func(ticks int) {
		for i := 0; i < ticks; i++ {
			sc = tick(a, sc, &Input{})
		}
	}
	press(Keys{PlayPause: true})
	wait(3 * 60)
	if !a.tt.Now().NeedleDown {
		t.Fatal("Space did not play the record")
	}
	press(Keys{PlayPause: true})
	if now := a.tt.Now(); now.Arm != turntable.ArmCued {
		t.Fatalf("Space while playing: arm %v, want cued", now.Arm)
	}
	before := a.tt.Now().ArmRadiusMM
	press(Keys{RightStep: true})
	press(Keys{RightStep: true})
	if got := a.tt.Now().ArmRadiusMM; math.Abs(before-got-2*armStepMM) > 1e-9 {
		t.Errorf("two presses of → moved the arm from %.2f to %.2f mm", before, got)
	}
	press(Keys{PlayPause: true})
	wait(60)
	if !a.tt.Now().NeedleDown {
		t.Fatal("Space did not lower the needle again")
	}
	minRPM := math.Inf(1)
	for i := 0; i < 30; i++ {
		press(Keys{Grab: true, Left: true})
		minRPM = math.Min(minRPM, a.tt.Now().RPM)
	}
	press(Keys{})
	if minRPM > -5 || !a.tt.Now().NeedleDown {
		t.Errorf("G with ←: slowest %.1f rpm, needle down %v", minRPM, a.tt.Now().NeedleDown)
	}
}
