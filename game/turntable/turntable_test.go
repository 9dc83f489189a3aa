package turntable

import (
	"math"
	"testing"

	"bonemusic/engine"
	"bonemusic/engine/synth"
)

func shortDisc(t *testing.T, seconds float64) *engine.Disc {
	t.Helper()
	tune, err := synth.Tune("boogie", engine.EngineRate, seconds, 1)
	if err != nil {
		t.Fatal(err)
	}
	d, err := engine.Cut([][]float32{tune}, engine.EngineRate, engine.DefaultParams(), engine.CutOptions{})
	if err != nil {
		t.Fatal(err)
	}
	return d
}

func pickup(t *testing.T, name string) engine.Pickup {
	t.Helper()
	p, err := engine.PickupByName(name)
	if err != nil {
		t.Fatal(err)
	}
	return p
}

// A whole play on the clock: the arm swings in, lowers, the needle plays
// the side and rides the run-out, the autolift raises it and the arm goes
// home; the play is in the disc's history and its sound is kept.
func TestAPlayFromRestToRest(t *testing.T) {
	d := shortDisc(t, 2)
	tt := New(pickup(t, "crystal"))
	tt.Load(d, 1)
	tt.Drop()
	if now := tt.Now(); now.Arm != ArmSwinging || now.NeedleDown {
		t.Fatalf("after Drop: arm %v, needle down %v; want swinging, up", now.Arm, now.NeedleDown)
	}
	buf := make([]float32, 1000)
	var loud float64
	var sawDown bool
	var prevMM = tt.Now().ArmRadiusMM
	for i := 0; i < 60*Rate/len(buf); i++ {
		tt.Read(buf)
		for _, v := range buf {
			loud = math.Max(loud, math.Abs(float64(v)))
		}
		now := tt.Now()
		if now.NeedleDown {
			sawDown = true
			if now.ArmRadiusMM > prevMM+0.01 {
				t.Fatalf("needle moved outwards while playing: %.3f → %.3f mm", prevMM, now.ArmRadiusMM)
			}
		}
		prevMM = now.ArmRadiusMM
		if sawDown && now.Arm == ArmRest {
			break
		}
	}
	now := tt.Now()
	if !sawDown || now.Arm != ArmRest {
		t.Fatalf("arm %v after 60 s; needle went down: %v", now.Arm, sawDown)
	}
	if got := tt.Finished(); len(got) != 1 || d.Plays() != 1 {
		t.Fatalf("finished %d plays, disc has %d; want 1 and 1", len(got), d.Plays())
	}
	if loud < 0.01 {
		t.Errorf("peak %.4f: the needle played silence", loud)
	}
	take := tt.LastTake()
	wantSec := 2 + RunOutSec
	if sec := float64(len(take)) / Rate; sec < float64(wantSec) || sec > float64(wantSec)+4 {
		t.Errorf("kept %.1f s of the play, want lead-in + 2 s + %d s run-out", sec, RunOutSec)
	}
	// The platter turned at 78 rpm the whole time (it was at speed before the
	// needle touched: a second to spin up, 1.5 s of arm movement).
	wantTurns := engine.RPM78 / 60 * (now.ClockSec - spinUpSec/2)
	if turns := now.AngleRad / (2 * math.Pi); math.Abs(turns-wantTurns) > 0.02*wantTurns {
		t.Errorf("platter turned %.2f times in %.1f s, want %.2f", turns, now.ClockSec, wantTurns)
	}
}

// Reading the sound and advancing silently run the same model: a kiosk
// without speakers wears its record exactly as one with speakers.
func TestReadAndAdvanceAreOneClock(t *testing.T) {
	run := func(listen bool) (Now, engine.PlayRecord) {
		d := shortDisc(t, 1)
		tt := New(pickup(t, "steel"))
		tt.Load(d, 7)
		tt.Drop()
		buf := make([]float32, 735) // one 60 Hz frame
		for range 30 * 60 {
			if listen {
				tt.Read(buf)
			} else {
				tt.Advance(len(buf))
			}
			if f := tt.Finished(); len(f) > 0 {
				return tt.Now(), f[0]
			}
		}
		t.Fatal("no play finished in 30 s")
		return Now{}, engine.PlayRecord{}
	}
	a, ra := run(true)
	b, rb := run(false)
	if a.ClockSec != b.ClockSec || a.AngleRad != b.AngleRad || ra != rb {
		t.Errorf("listened: %.4f s, %.4f rad, %+v\nsilent:   %.4f s, %.4f rad, %+v", a.ClockSec, a.AngleRad, ra, b.ClockSec, b.AngleRad, rb)
	}
}

// Lifting mid-play ends the play (it wears what was traced) and the arm
// goes home; eject gives the disc back with the play in its history.
func TestLiftMidPlayAndEject(t *testing.T) {
	d := shortDisc(t, 3)
	tt := New(pickup(t, "magnetic"))
	tt.Load(d, 1)
	tt.Drop()
	for tt.Now().ClockSec < swingSec+lowerSec+1 {
		tt.Advance(500)
	}
	if !tt.Now().NeedleDown {
		t.Fatal("needle not down 1 s after touching")
	}
	tt.Lift()
	if tt.Now().NeedleDown {
		t.Fatal("needle still down after Lift")
	}
	for tt.Busy() {
		tt.Advance(500)
	}
	if got := tt.Eject(); got != d || d.Plays() != 1 {
		t.Errorf("eject: same disc %v, plays %d; want the disc with 1 play", got == d, d.Plays())
	}
	if h := d.History(); len(h) == 1 && h[0].Seconds > 2 {
		t.Errorf("play lasted %.1f s, want about 1 s", h[0].Seconds)
	}
	tt.Drop() // no disc: nothing happens
	if tt.Busy() {
		t.Error("the arm moved with no disc on the platter")
	}
}

// A 78 played at 45 rpm turns slower and the motor gets there gradually.
func TestSpeedChangeHasInertia(t *testing.T) {
	tt := New(pickup(t, "crystal"))
	tt.Load(shortDisc(t, 1), 1)
	tt.Advance(2 * Rate)
	if rpm := tt.Now().RPM; math.Abs(rpm-engine.RPM78) > 0.01 {
		t.Fatalf("after 2 s the platter turns at %.2f rpm, want %.2f", rpm, engine.RPM78)
	}
	tt.SetRPM(engine.RPM45)
	if rpm := tt.Now().RPM; math.Abs(rpm-engine.RPM78) > 0.01 {
		t.Errorf("the platter jumped to %.2f rpm: no inertia", rpm)
	}
	tt.Advance(Rate / 10)
	mid := tt.Now().RPM
	if mid >= engine.RPM78 || mid <= engine.RPM45 {
		t.Errorf("0.1 s after the change the platter turns at %.1f rpm, want between 45 and 78", mid)
	}
	tt.Advance(Rate)
	if rpm := tt.Now().RPM; math.Abs(rpm-engine.RPM45) > 0.01 {
		t.Errorf("1.1 s after the change: %.2f rpm, want 45", rpm)
	}
}

// engine.Age, which "age it" uses, wears a disc as a play on the turntable
// does, and measures a fidelity close to the play's.
func TestAgeMatchesTheTurntable(t *testing.T) {
	onTable := shortDisc(t, 1)
	tt := New(pickup(t, "steel"))
	tt.Load(onTable, 5)
	tt.Drop()
	var rec engine.PlayRecord
	for i := 0; i < 60*60; i++ {
		tt.Advance(735)
		if f := tt.Finished(); len(f) > 0 {
			rec = f[0]
			break
		}
	}
	aged := shortDisc(t, 1)
	got, err := engine.Age(aged, engine.PlayOptions{Pickup: pickup(t, "steel"), RPM: engine.RPM78, Noise: true, Seed: 5}, 1, nil)
	if err != nil || len(got) != 1 {
		t.Fatal(got, err)
	}
	t.Logf("fidelity: aged (excerpts) %.2f dB, played %.2f dB", got[0].FidelityDB, rec.FidelityDB)
	if math.Abs(got[0].FidelityDB-rec.FidelityDB) > 2 || !got[0].Aged || rec.Aged {
		t.Errorf("aged: %+v\nturntable: %+v", got[0], rec)
	}
	for i := aged.ProgrammeStart(); i < aged.ProgrammeEnd(); i += 997 {
		a, b := aged.WallHeightUM(i), onTable.WallHeightUM(i)
		if math.Abs(a-b) > 1e-3*b {
			t.Fatalf("sample %d: aged wall %.4f µm, played %.4f µm", i, a, b)
		}
	}
}

// A groove that keeps throwing the stylus back (a repeat loop) cannot hold a
// play — or the ageing of a kiosk's record — for ever.
func TestAStuckGrooveEndsThePlay(t *testing.T) {
	d := shortDisc(t, 1)
	if got, want := maxPlaySamples(d, engine.RPM78), d.Len()+60*Rate; got != want {
		t.Errorf("at the cut speed a play is bounded at %d samples, want the side plus a minute, %d", got, want)
	}
	if slow := maxPlaySamples(d, engine.RPM45); slow <= maxPlaySamples(d, engine.RPM78) {
		t.Errorf("played at 45 rpm the bound is %d samples, not longer than at 78", slow)
	}
}
