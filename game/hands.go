package game

import (
	"math"

	"bonemusic/game/turntable"
)

// hands is the visitor's hands on the turntable: a pointer that goes down
// on the record grabs the platter and turns it (scratching), one that goes
// down on the headshell carries the tonearm; the keyboard does both too
// (arrows move the arm; G held grabs the platter and the arrows turn it).
type hands struct {
	platter  int     // the pointer holding the platter (noHand: none)
	lastAng  float64 // its angle about the spindle last tick
	arm      int     // the pointer carrying the arm
	keyGrab  bool    // G is holding the platter
	stageCtr Point
	pxPerMM  float64
}

const noHand = math.MinInt32

// keyScratchRPM is how fast the arrows turn a grabbed platter: a brisk
// hand, half the 78 speed, either way.
const keyScratchRPM = 40

// tickSec is one tick of the game: hands move the platter tick by tick.
const tickSec = 1.0 / 60

// armStepMM is how far one press of an arrow moves the arm: about ten
// grooves at 100 lpi.
const armStepMM = 2.5

func newHands() *hands { return &hands{platter: noHand, arm: noHand} }

// update applies this tick's pointers and keys to the turntable. centre is
// the spindle on the screen and pxPerMM the record's scale; onControl
// tells a pointer on a button from one on the record.
func (h *hands) update(tt *turntable.Turntable, in *Input, centre Point, pxPerMM, recordMM float64, onControl func(Point) bool) {
	h.stageCtr, h.pxPerMM = centre, pxPerMM
	now := tt.Now()
	seen := map[int]bool{}
	for _, d := range in.Drags {
		seen[d.ID] = true
		switch d.ID {
		case h.platter:
			ang := h.angle(d.At)
			tt.Turn(wrapAngle(ang-h.lastAng), tickSec)
			h.lastAng = ang
			if d.Released {
				tt.Release()
				h.platter = noHand
			}
			continue
		case h.arm:
			tt.MoveArm(armRadiusFor(d.At, centre, pxPerMM))
			if d.Released {
				tt.LetGoArm()
				h.arm = noHand
			}
			continue
		}
		if d.Released || d.From != d.At || onControl(d.From) || !now.HasDisc {
			continue // only a pointer that goes down this tick takes hold
		}
		switch {
		case h.arm == noHand && h.nearHeadshell(d.From, now):
			h.arm = d.ID
			tt.HoldArm()
			tt.MoveArm(armRadiusFor(d.At, centre, pxPerMM))
		case h.platter == noHand && math.Hypot(d.From.X-centre.X, d.From.Y-centre.Y) < recordMM*pxPerMM:
			h.platter, h.lastAng = d.ID, h.angle(d.At)
			tt.Grab()
		}
	}
	// A pointer that vanished without a release (a touch cancelled) lets go.
	if h.platter != noHand && !seen[h.platter] {
		tt.Release()
		h.platter = noHand
	}
	if h.arm != noHand && !seen[h.arm] {
		tt.LetGoArm()
		h.arm = noHand
	}
	h.keys(tt, in)
}

func (h *hands) keys(tt *turntable.Turntable, in *Input) {
	k := in.Keys
	switch {
	case k.Grab && !h.keyGrab && h.platter == noHand:
		h.keyGrab = true
		tt.Grab()
	case !k.Grab && h.keyGrab:
		h.keyGrab = false
		tt.Release()
	}
	if h.keyGrab {
		dir := 0.0
		if k.Right {
			dir++
		}
		if k.Left {
			dir--
		}
		tt.Turn(dir*2*math.Pi*keyScratchRPM/60*tickSec, tickSec)
		return
	}
	if k.LeftStep {
		tt.NudgeArm(armStepMM) // left is outwards, toward the rim and the arm's rest
	}
	if k.RightStep {
		tt.NudgeArm(-armStepMM)
	}
}

// busy reports whether a hand holds the platter or the arm.
func (h *hands) busy() bool { return h.platter != noHand || h.arm != noHand || h.keyGrab }

// letGo releases whatever the hands hold (the scene is going).
func (h *hands) letGo(tt *turntable.Turntable) {
	if h.platter != noHand || h.keyGrab {
		tt.Release()
	}
	if h.arm != noHand {
		tt.LetGoArm()
	}
	h.platter, h.arm, h.keyGrab = noHand, noHand, false
}

func (h *hands) angle(p Point) float64 {
	return math.Atan2(p.Y-h.stageCtr.Y, p.X-h.stageCtr.X)
}

// nearHeadshell: within reach of the needle end of the arm.
func (h *hands) nearHeadshell(p Point, now turntable.Now) bool {
	nx, ny := needleAt(now.ArmRadiusMM, h.stageCtr, h.pxPerMM)
	reach := math.Max(22, 14*h.pxPerMM)
	return math.Hypot(p.X-nx, p.Y-ny) < reach
}

// needleAt is the needle's point on the screen with the arm at radiusMM.
func needleAt(radiusMM float64, centre Point, pxPerMM float64) (float64, float64) {
	ang := needleAngle(radiusMM)
	return centre.X + radiusMM*pxPerMM*math.Cos(ang), centre.Y + radiusMM*pxPerMM*math.Sin(ang)
}

// armRadiusFor is where the needle is when the arm points at p: the arm
// swings about its pivot, so the needle lies armMM from the pivot toward p.
func armRadiusFor(p, centre Point, pxPerMM float64) float64 {
	px := centre.X + pivotMM*pxPerMM*math.Cos(pivotAngle)
	py := centre.Y + pivotMM*pxPerMM*math.Sin(pivotAngle)
	dx, dy := p.X-px, p.Y-py
	l := math.Hypot(dx, dy)
	if l == 0 {
		return armMM
	}
	nx, ny := px+dx/l*armMM*pxPerMM, py+dy/l*armMM*pxPerMM
	return math.Hypot(nx-centre.X, ny-centre.Y) / pxPerMM
}

// wrapAngle brings a to (−π, π]: the hand crossed the ±π line.
func wrapAngle(a float64) float64 {
	for a > math.Pi {
		a -= 2 * math.Pi
	}
	for a <= -math.Pi {
		a += 2 * math.Pi
	}
	return a
}
