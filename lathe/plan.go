// Package lathe drives a real record lathe: it plans the carriage's motion
// from a disc and will stream it to the machine's firmware (grbl over
// serial, in lathe/grbl). It imports the engine, never the game.
package lathe

import (
	"errors"
	"fmt"
	"math"
	"strconv"

	"bonemusic/engine"
	"bonemusic/lathe/grbl"
)

// Config describes the machine.
type Config struct {
	// HomeRadiusMM is the radius under the cutter at machine X = 0; X grows
	// negative toward the centre, grbl's usual machine space.
	HomeRadiusMM float64
	TravelMM     float64 // how far X may go (soft limit): X stays within [−TravelMM, 0]
	CutDepthMM   float64 // how far Z drops the cutter into the film
	// CutterByCoolant lowers and lifts the cutter with M8/M9 (a solenoid on
	// the coolant output) instead of moving Z.
	CutterByCoolant bool
	// MIDIChannel (0–15, shown as 1–16) carries the control changes of a
	// MIDI lathe; MIDIDeviceID addresses its machine control (0 = all-call).
	MIDIChannel  uint8
	MIDIDeviceID uint8
}

// DefaultConfig is a lathe homed at the rim of a 250 mm sheet with 80 mm
// of carriage travel and a 60 µm cut, the engine's groove depth on film.
func DefaultConfig() Config {
	return Config{HomeRadiusMM: 125, TravelMM: 80, CutDepthMM: 0.06}
}

// Plan is the G-code that cuts a disc: one G1 segment per revolution along
// the disc's own spiral (lead-in, programme, run-out), a dwell of one turn
// for the locked groove, the cutter dropped before the lead-in and lifted
// after. Every line fits grbl's 80-byte limit.
type Plan struct {
	Lines     []string
	Seconds   float64 // cutting time, from the cutter's drop to its lift
	StartX    float64 // machine X where the cut starts, mm
	EndX      float64 // and ends
	Revs      int     // revolutions cut
	FeedMMMin float64 // carriage feed over the programme: rpm × 25.4 / lpi (with variable pitch the widest; each turn has its own F)
	// SpiralLine is the index of the dwell after the cutter's drop: grbl
	// answers a dwell when it ends, so its ok is the moment the spiral (and
	// the disc's sample 0, where the cutter audio starts) begins.
	SpiralLine int
}

// PlanCut plans d on the machine cfg. It refuses a plan that would leave
// the film or the machine's travel, in words a technician can act on.
func PlanCut(d *engine.Disc, cfg Config) (Plan, error) {
	if d == nil {
		return Plan{}, errors.New("lathe: no disc to cut")
	}
	p := d.Params
	if !(cfg.CutDepthMM > 0 && cfg.CutDepthMM < 1) {
		return Plan{}, fmt.Errorf("lathe: a cut depth of %g mm is not between 0 and 1 mm", cfg.CutDepthMM)
	}
	n := d.SamplesPerRev()
	at := turnStarts(d)
	lock := at[len(at)-1]
	x := func(i int) float64 { return d.RadiusMM(i) - cfg.HomeRadiusMM }
	plan := Plan{StartX: x(0), EndX: x(lock), Revs: len(at) - 1, FeedMMMin: p.RPM * 25.4 / p.LPI}
	switch {
	case d.RadiusMM(0) > p.DiameterMM/2:
		return Plan{}, fmt.Errorf("lathe: the groove starts at %.1f mm, beyond the %.0f mm disc", d.RadiusMM(0), p.DiameterMM)
	case plan.StartX > 0:
		return Plan{}, fmt.Errorf("lathe: the groove starts at %.1f mm, outside the carriage's home at %.1f mm: home the carriage further out", d.RadiusMM(0), cfg.HomeRadiusMM)
	case plan.EndX < -cfg.TravelMM:
		return Plan{}, fmt.Errorf("lathe: the cut needs %.1f mm of carriage travel; this machine has %.1f mm", -plan.EndX, cfg.TravelMM)
	}
	revMin := 1 / p.RPM // minutes per revolution
	num := func(v float64) string { return strconv.FormatFloat(v, 'f', 3, 64) }
	var lines []string
	add := func(s string) { lines = append(lines, s) }
	add("G21 G90 G94") // mm, absolute, feed per minute
	add("G0 Z0")
	add("G0 X" + num(plan.StartX))
	add("M3 S" + num(p.RPM)) // the platter (spindle output) at the cutting speed
	add("G4 P" + num(2))     // let it come up to speed
	if cfg.CutterByCoolant {
		add("M8")
	} else {
		add("G1 Z" + num(-cfg.CutDepthMM) + " F" + num(60))
	}
	plan.SpiralLine = len(lines)
	add("G4 P0") // answered once the cutter is down
	for k := 1; k < len(at); k++ {
		turns := float64(at[k]-at[k-1]) / float64(n)
		feed := math.Abs(x(at[k])-x(at[k-1])) / (turns * revMin)
		if feed < 0.001 { // a turn that does not move: dwell it out
			add("G4 P" + num(turns*revMin*60))
			continue
		}
		add("G1 X" + num(x(at[k])) + " F" + num(feed))
	}
	add("G4 P" + num(revMin*60)) // the locked groove: one turn without moving
	if cfg.CutterByCoolant {
		add("M9")
	} else {
		add("G0 Z0")
	}
	add("M5")
	add("M2")
	for i, l := range lines {
		if len(l)+1 > grbl.MaxLineBytes {
			return Plan{}, fmt.Errorf("lathe: plan line %d is %d bytes, over grbl's %d", i+1, len(l)+1, grbl.MaxLineBytes)
		}
	}
	plan.Lines = lines
	plan.Seconds = float64(d.Len()) / engine.EngineRate
	return plan, nil
}

// turnStarts is the sample where each turn of d's spiral begins, ending
// with the start of the locked groove (the run-out's close).
func turnStarts(d *engine.Disc) []int {
	n := d.SamplesPerRev()
	lock := d.Len() - n
	var at []int
	for i := 0; i < lock; i += n {
		at = append(at, i)
	}
	return append(at, lock)
}
