package lathe

import (
	"context"
	"math"
	"net"
	"strconv"
	"strings"
	"testing"
	"time"

	"bonemusic/engine"
	"bonemusic/lathe/grbl"
)

func disc(t *testing.T, seconds float64) *engine.Disc {
	t.Helper()
	d, err := engine.Cut([][]float32{make([]float32, int(seconds*engine.EngineRate))}, engine.EngineRate, engine.DefaultParams(), engine.CutOptions{})
	if err != nil {
		t.Fatal(err)
	}
	return d
}

// A 3-minute side: every line fits grbl, the carriage follows the engine's
// own spiral turn by turn, the programme feed is rpm × 25.4 / lpi, and the
// plan lasts as long as the disc plays.
func TestPlanFollowsTheEngine(t *testing.T) {
	d := disc(t, 180)
	cfg := DefaultConfig()
	plan, err := PlanCut(d, cfg)
	if err != nil {
		t.Fatal(err)
	}
	p := d.Params
	if want := p.RPM * 25.4 / p.LPI; math.Abs(plan.FeedMMMin-want) > 1e-9 {
		t.Errorf("feed %.4f mm/min, want %.4f", plan.FeedMMMin, want)
	}
	n := d.SamplesPerRev()
	rev, feeds := 0, 0
	for _, l := range plan.Lines {
		if len(l)+1 > grbl.MaxLineBytes {
			t.Fatalf("line %q is too long", l)
		}
		xs, ok := word(l, "X")
		if !ok || !strings.HasPrefix(l, "G1") {
			continue
		}
		rev++
		i := min(rev*n, d.Len()-n)
		if want := d.RadiusMM(i) - cfg.HomeRadiusMM; math.Abs(xs-want) > 0.0005 {
			t.Fatalf("turn %d: X %.4f, the engine's groove is at %.4f", rev, xs, want)
		}
		// over the programme, one pitch per turn at the programme feed
		if i > d.ProgrammeStart() && i <= d.ProgrammeEnd() {
			f, _ := word(l, "F")
			if math.Abs(f-plan.FeedMMMin) > 0.002 {
				t.Fatalf("turn %d: feed %.3f, want %.3f", rev, f, plan.FeedMMMin)
			}
			feeds++
		}
	}
	if rev != plan.Revs || feeds < 200 {
		t.Errorf("%d G1 turns (%d in the programme), plan says %d", rev, feeds, plan.Revs)
	}
	if want := float64(d.Len()) / engine.EngineRate; math.Abs(plan.Seconds-want) > 0.01 {
		t.Errorf("plan lasts %.2f s, the disc %.2f s", plan.Seconds, want)
	}
	t.Logf("3-minute side: %d lines, %d turns, X %.3f → %.3f mm, feed %.4f mm/min, %.1f s", len(plan.Lines), plan.Revs, plan.StartX, plan.EndX, plan.FeedMMMin, plan.Seconds)
}

func TestPlanRefuses(t *testing.T) {
	d := disc(t, 180)
	short := DefaultConfig()
	short.TravelMM = 30
	if _, err := PlanCut(d, short); err == nil || !strings.Contains(err.Error(), "carriage travel") {
		t.Errorf("too little travel: %v", err)
	}
	inside := DefaultConfig()
	inside.HomeRadiusMM = 100
	if _, err := PlanCut(d, inside); err == nil || !strings.Contains(err.Error(), "home") {
		t.Errorf("home inside the groove: %v", err)
	}
	if _, err := PlanCut(nil, DefaultConfig()); err == nil {
		t.Error("no disc accepted")
	}
	coolant := DefaultConfig()
	coolant.CutterByCoolant = true
	plan, err := PlanCut(disc(t, 2), coolant)
	if err != nil || !contains(plan.Lines, "M8") || !contains(plan.Lines, "M9") {
		t.Errorf("coolant-driven cutter: %v, %v", err, plan.Lines[:6])
	}
}

// word reads the number after letter in a G-code line.
func word(line, letter string) (float64, bool) {
	for _, f := range strings.Fields(line) {
		if strings.HasPrefix(f, letter) {
			v, err := strconv.ParseFloat(f[len(letter):], 64)
			return v, err == nil
		}
	}
	return 0, false
}

func contains(lines []string, s string) bool {
	for _, l := range lines {
		if l == s {
			return true
		}
	}
	return false
}

// The plan of a short disc runs on a simulated grbl: every line is
// accepted, the receive buffer never overflows, and the carriage ends where
// the plan ends, with the cutter lifted.
func TestPlanRunsOnGrbl(t *testing.T) {
	d := disc(t, 5)
	cfg := DefaultConfig()
	plan, err := PlanCut(d, cfg)
	if err != nil {
		t.Fatal(err)
	}
	dev := &grbl.Device{Speedup: 2000, TravelMM: [3]float64{cfg.TravelMM, 0, 1}}
	host, side := net.Pipe()
	ctx, cancel := context.WithCancel(context.Background())
	served := make(chan struct{})
	go func() { dev.Serve(ctx, side); close(served) }()
	defer func() { cancel(); host.Close(); side.Close(); <-served }()
	var last grbl.Event
	if err := grbl.Stream(context.Background(), host, plan.Lines, grbl.StreamOptions{PollEvery: 10 * time.Millisecond},
		func(e grbl.Event) { last = e }); err != nil {
		t.Fatal(err)
	}
	st := last.Status
	if last.Answered != len(plan.Lines) || math.Abs(st.MPos[0]-plan.EndX) > 0.001 || st.MPos[2] != 0 || dev.Overflowed() {
		t.Errorf("%d of %d lines answered, ended at %v (plan: X%.3f, Z0), overflowed %v",
			last.Answered, len(plan.Lines), st.MPos, plan.EndX, dev.Overflowed())
	}
}
