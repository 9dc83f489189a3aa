// Package turntable is the record player of Bone Music as a plain model: the
// platter with its motor, the tonearm and its needle, the pickup, and the disc
// on it. It has no Ebiten in it and one clock: the count of samples the
// turntable has run for. The audio stream advances that clock by reading
// sound ([Turntable.Read]); when nothing is listening (no sound card, or a
// browser before the first tap) the game advances it by the frame time
// ([Turntable.Advance]). The view reads the same clock through [Turntable.Now],
// so what is seen — the turning disc, the arm over the groove — is where the
// sound comes from.
//
// The audio goroutine and the game share a Turntable: every method locks.
package turntable

import (
	"errors"
	"io"
	"math"
	"sync"

	"bonemusic/engine"
)

// Rate is the clock's rate: one tick per output sample.
const Rate = engine.EngineRate

// Times of the arm's movements and of the motor, seconds. A real autolift
// arm swings over in about a second and lowers on a damped lever in half
// that; the motor of a light turntable reaches speed in about a second and
// the brake stops it in a third.
const (
	swingSec    = 1.0
	lowerSec    = 0.5
	raiseSec    = 0.4
	spinUpSec   = 1.0
	spinDownSec = 0.3
	// handLagSec is how closely the platter follows a hand on it, and
	// maxHandSpeed the fastest a hand turns it (× the set speed, either way).
	handLagSec    = 0.02
	handSmoothSec = 0.05 // the hand's speed, averaged over uneven pointer events
	maxHandSpeed  = 6
	// RunOutSec is how long the needle rides the run-out and locked groove
	// (about five turns at 78 rpm: the click a visitor knows means "the
	// end") before the autolift raises it.
	RunOutSec = 4
	// restGapMM is how far beyond the rim the arm rests.
	restGapMM = 25
	// step is the largest block the model runs between updates of the motor
	// and the arm: 5.8 ms at 44.1 kHz, smooth to ear and eye.
	step = 256
)

// Arm is what the tonearm is doing.
type Arm uint8

const (
	ArmRest      Arm = iota // on its rest beside the platter
	ArmSwinging             // moving over the lead-in
	ArmLowering             // the cueing lever lets the needle down
	ArmPlaying              // the needle is in the groove
	ArmRaising              // the cueing lever lifts the needle
	ArmReturning            // moving back to the rest
	ArmHeld                 // in the visitor's hand, needle up, over ArmRadiusMM
	ArmCued                 // raised by the cueing lever, hovering over the groove
)

var armNames = [...]string{"rest", "swinging", "lowering", "playing", "raising", "returning", "held", "cued"}

func (a Arm) String() string {
	if int(a) < len(armNames) {
		return armNames[a]
	}
	return "unknown"
}

// Now is what the turntable is doing at one instant of its clock.
type Now struct {
	ClockSec    float64 // the turntable's clock, seconds
	AngleRad    float64 // platter angle, growing as it turns
	RPM         float64 // the speed the platter turns at now: motor inertia, or the hand (negative turning back)
	SetRPM      float64 // the speed chosen
	Arm         Arm
	ArmRadiusMM float64 // where the needle is over the disc (beyond the rim at rest)
	NeedleDown  bool    // touching the record
	Sample      int     // groove sample under the needle while playing
	Plays       int     // plays of the disc so far (its history)
	Skips       int     // skips in this play so far
	HasDisc     bool
	HandOn      bool  // a hand holds the platter
	Err         error // why the last needle drop failed
}

// Turntable is one record player.
type Turntable struct {
	mu      sync.Mutex
	disc    *engine.Disc
	pickup  engine.Pickup
	noise   bool
	seed    uint64
	setRPM  float64
	motorOn bool
	speed   float64 // platter speed as a fraction of setRPM (negative: turning back)
	angle   float64
	clock   int64

	handOn  bool    // a hand holds the platter; the motor slips under it
	handVel float64 // how fast the hand turns it, radians per second (smoothed)

	arm      Arm
	armMM    float64
	fromMM   float64 // where the current movement started
	phaseAt  int64   // clock when the arm's movement began
	player   *engine.Player
	playRPM  float64 // the speed the play started at: the player's own 1×
	dropAt   int     // groove sample where the needle will touch down
	played   int     // samples of the play under way
	runOut   int
	finished []engine.PlayRecord
	err      error

	recording bool
	take      []int16 // the current play's sound, for export
	lastTake  []int16 // the last finished play's sound
	discard   []float32
}

// New is a turntable with its motor off and no record.
func New(p engine.Pickup) *Turntable {
	return &Turntable{pickup: p, noise: true, setRPM: engine.RPM78, arm: ArmRest}
}

// Load puts a disc on the platter (lifting the needle off the one there, which
// finishes that play) and starts the motor.
func (t *Turntable) Load(d *engine.Disc, seed uint64) {
	t.mu.Lock()
	defer t.mu.Unlock()
	t.liftNow()
	t.disc, t.seed, t.err = d, seed, nil
	t.arm, t.armMM = ArmRest, t.restMM()
	t.lastTake = nil
	if d != nil {
		t.setRPM = d.Params.RPM
	}
	t.motorOn = d != nil
}

// Eject takes the disc off (after lifting the needle) so it can be changed
// elsewhere — aged, saved — without the audio goroutine touching it. Load
// puts it back.
func (t *Turntable) Eject() *engine.Disc {
	t.mu.Lock()
	defer t.mu.Unlock()
	t.liftNow()
	d := t.disc
	t.disc, t.motorOn, t.arm, t.armMM = nil, false, ArmRest, t.restMM()
	return d
}

// SetPickup changes the pickup; it takes effect at the next needle drop.
func (t *Turntable) SetPickup(p engine.Pickup) {
	t.mu.Lock()
	t.pickup = p
	t.mu.Unlock()
}

// Pickup is the pickup on the arm.
func (t *Turntable) Pickup() engine.Pickup {
	t.mu.Lock()
	defer t.mu.Unlock()
	return t.pickup
}

// SetRPM chooses the platter speed; the motor gets there with its inertia.
// It takes effect on the sound at the next needle drop.
func (t *Turntable) SetRPM(rpm float64) {
	if !(rpm >= 8 && rpm <= 120) {
		return
	}
	t.mu.Lock()
	defer t.mu.Unlock()
	// Keep the platter's real angular speed: the motor changes it gradually.
	if t.setRPM > 0 {
		t.speed *= t.setRPM / rpm
	}
	t.setRPM = rpm
}

// Drop swings the arm over the lead-in and lowers the needle: the play
// starts when it touches. It does nothing while a play is under way.
func (t *Turntable) Drop() {
	t.mu.Lock()
	defer t.mu.Unlock()
	if t.disc == nil || t.arm != ArmRest && t.arm != ArmReturning {
		return
	}
	t.swingIn()
}

// swingIn starts the motor and swings the arm over the lead-in, where the
// needle will go down.
func (t *Turntable) swingIn() {
	t.err = nil
	t.motorOn = true
	t.dropAt = 0
	t.move(ArmSwinging)
}

// Cue works the cueing lever: it lowers the needle where the arm hovers
// (from rest, the arm first swings over the lead-in), or raises it from
// the groove and leaves the arm hovering there, so the next Cue plays on
// from the same place.
func (t *Turntable) Cue() {
	t.mu.Lock()
	defer t.mu.Unlock()
	switch {
	case t.disc == nil:
	case t.arm == ArmPlaying:
		t.liftNow()
		t.move(ArmCued)
	case t.arm == ArmCued:
		t.lowerHere()
	case t.arm == ArmRest || t.arm == ArmReturning:
		t.swingIn()
	}
}

// HoldArm takes the arm in the hand: a play under way ends (the needle
// leaves the groove) and the arm follows MoveArm until LetGoArm.
func (t *Turntable) HoldArm() {
	t.mu.Lock()
	defer t.mu.Unlock()
	if t.disc == nil {
		return
	}
	t.liftNow()
	t.move(ArmHeld)
}

// MoveArm moves the arm in the hand (or hovering on its lever) over
// radiusMM, between the locked groove and its rest.
func (t *Turntable) MoveArm(radiusMM float64) {
	t.mu.Lock()
	defer t.mu.Unlock()
	if t.arm != ArmHeld && t.arm != ArmCued || math.IsNaN(radiusMM) {
		return
	}
	t.armMM = math.Max(t.innerMM(), math.Min(t.restMM(), radiusMM))
}

// NudgeArm moves the arm by deltaMM (+ outwards) for the keyboard: a play
// under way is lifted first, an arm at rest swings over the lead-in first;
// the needle stays up until Cue.
func (t *Turntable) NudgeArm(deltaMM float64) {
	t.mu.Lock()
	if t.disc != nil {
		switch t.arm {
		case ArmPlaying:
			t.liftNow()
			t.move(ArmCued)
		case ArmRest, ArmReturning:
			t.motorOn = true
			t.armMM = t.leadInMM()
			t.move(ArmCued)
		}
	}
	mm := t.armMM + deltaMM
	t.mu.Unlock()
	t.MoveArm(mm)
}

// LetGoArm lets the arm out of the hand: over the record the needle goes
// down there (the play starts from that groove); off it, the arm goes home.
func (t *Turntable) LetGoArm() {
	t.mu.Lock()
	defer t.mu.Unlock()
	if t.arm != ArmHeld {
		return
	}
	if t.armMM > t.leadInMM()+1 {
		t.move(ArmReturning)
		return
	}
	t.lowerHere()
}

// lowerHere lowers the needle into the groove under the arm.
func (t *Turntable) lowerHere() {
	t.err = nil
	t.motorOn = true
	t.dropAt = sampleAt(t.disc, t.armMM)
	t.move(ArmLowering)
}

// sampleAt is the groove sample at radiusMM: the spiral's radius falls
// with the sample, so a binary search finds it.
func sampleAt(d *engine.Disc, radiusMM float64) int {
	lo, hi := 0, d.Len()-1
	for lo < hi {
		mid := (lo + hi) / 2
		if d.RadiusMM(mid) > radiusMM {
			lo = mid + 1
		} else {
			hi = mid
		}
	}
	return lo
}

// Grab puts a hand on the platter: from now on it turns as the hand does
// (Turn), the motor slipping under the mat, until Release.
func (t *Turntable) Grab() {
	t.mu.Lock()
	defer t.mu.Unlock()
	t.handOn, t.handVel = true, 0
}

// Turn moves the hand on the platter by deltaRad (+ the playing direction)
// over dtSec of the game's time. The platter follows the hand's speed, not
// its place: the model's clock runs in the sound card's bursts (a browser
// asks for 100 ms at once, ahead of what is heard), and within a burst the
// platter must keep moving as the hand was moving, or a scratch would be a
// chirp and a silence. A hand that holds still stops it.
func (t *Turntable) Turn(deltaRad, dtSec float64) {
	t.mu.Lock()
	defer t.mu.Unlock()
	if !t.handOn || math.IsNaN(deltaRad) || math.IsInf(deltaRad, 0) || !(dtSec > 0) {
		return
	}
	f := 1 - math.Exp(-dtSec/handSmoothSec) // pointer events come unevenly: smooth
	t.handVel += (deltaRad/dtSec - t.handVel) * f
}

// Release lets go of the platter: the motor brings it back to speed with
// its inertia (from standstill in spinUpSec).
func (t *Turntable) Release() {
	t.mu.Lock()
	t.handOn = false
	t.mu.Unlock()
}

// Lift raises the needle (the play ends and wears the disc) and returns the
// arm to its rest.
func (t *Turntable) Lift() {
	t.mu.Lock()
	defer t.mu.Unlock()
	switch t.arm {
	case ArmSwinging, ArmLowering:
		t.move(ArmReturning)
	case ArmPlaying:
		t.liftNow()
		t.move(ArmRaising)
	case ArmHeld, ArmCued:
		t.move(ArmReturning)
	}
}

// Busy reports whether the arm is away from its rest.
func (t *Turntable) Busy() bool {
	t.mu.Lock()
	defer t.mu.Unlock()
	return t.arm != ArmRest
}

// Finished returns the plays that ended since the last call.
func (t *Turntable) Finished() []engine.PlayRecord {
	t.mu.Lock()
	defer t.mu.Unlock()
	f := t.finished
	t.finished = nil
	return f
}

// LastTake is the sound of the last finished play, 16-bit at Rate: what the
// visitor heard, for export.
func (t *Turntable) LastTake() []int16 {
	t.mu.Lock()
	defer t.mu.Unlock()
	return t.lastTake
}

// Snapshot copies d, if it is the disc on the platter and has had more
// plays than drawn, so the copy can be drawn or saved while the original
// keeps playing (engine.Disc.Clone: the groove is shared, the wear copied).
func (t *Turntable) Snapshot(d *engine.Disc, drawn int) *engine.Disc {
	t.mu.Lock()
	defer t.mu.Unlock()
	if d == nil || t.disc != d || t.disc.Plays() <= drawn {
		return nil
	}
	return t.disc.Clone()
}

// Now reads the turntable's state.
func (t *Turntable) Now() Now {
	t.mu.Lock()
	defer t.mu.Unlock()
	n := Now{
		ClockSec: float64(t.clock) / Rate, AngleRad: t.angle, RPM: t.setRPM * t.speed, SetRPM: t.setRPM,
		Arm: t.arm, ArmRadiusMM: t.armMM, NeedleDown: t.player != nil, HasDisc: t.disc != nil, HandOn: t.handOn, Err: t.err,
	}
	if t.disc != nil {
		n.Plays = t.disc.Plays()
	}
	if t.player != nil {
		n.Sample, _ = t.player.Position()
		n.Skips = t.player.Skips()
	}
	return n
}

// Read is the turntable's sound, mono at Rate, and advances its clock by
// the samples given. It never ends: with the needle up it is silence.
func (t *Turntable) Read(dst []float32) (int, error) {
	t.mu.Lock()
	defer t.mu.Unlock()
	for at := 0; at < len(dst); {
		n := min(step, len(dst)-at)
		t.run(dst[at : at+n])
		at += n
	}
	return len(dst), nil
}

// Advance runs the clock by samples without anyone listening: the record
// still turns, plays and wears.
func (t *Turntable) Advance(samples int) {
	t.mu.Lock()
	defer t.mu.Unlock()
	if cap(t.discard) < step {
		t.discard = make([]float32, step)
	}
	for samples > 0 {
		n := min(step, samples)
		t.run(t.discard[:n])
		samples -= n
	}
}

// run advances the motor, the arm and the needle by len(dst) ≤ step samples.
func (t *Turntable) run(dst []float32) {
	dt := float64(len(dst)) / Rate
	t.runMotor(dt)
	t.runArm()
	if t.player == nil {
		clear(dst)
	} else {
		t.player.SetSpeed(t.setRPM * t.speed / t.playRPM) // a speed change is heard with the motor's inertia
		k, err := t.player.Read(dst)
		clear(dst[k:])
		if t.recording {
			t.take = appendPCM16(t.take, dst[:k])
		}
		if t.player.InRunOut() {
			t.runOut += k
		}
		if !t.handOn { // a hand may scratch as long as it likes
			t.played += k
		}
		_, t.armMM = t.player.Position()
		if errors.Is(err, io.EOF) || t.runOut >= RunOutSec*Rate || t.played >= maxPlaySamples(t.disc, t.setRPM) {
			t.liftNow()
			t.move(ArmRaising)
		} else if err != nil {
			t.err = err
			t.liftNow()
			t.move(ArmRaising)
		}
	}
	t.clock += int64(len(dst))
}

func (t *Turntable) runMotor(dt float64) {
	if t.handOn {
		// The platter turns at the hand's speed, closely but not rigidly
		// (the mat, the disc's inertia): a jerk is smoothed over
		// handLagSec, so the sound bends instead of clicking.
		nominal := 2 * math.Pi * t.setRPM / 60
		want := t.handVel / nominal
		f := 1 - math.Exp(-dt/handLagSec)
		t.speed += (math.Max(-maxHandSpeed, math.Min(maxHandSpeed, want)) - t.speed) * f
	} else {
		target := 0.0
		if t.motorOn {
			target = 1
		}
		switch {
		case t.speed < target:
			t.speed = math.Min(target, t.speed+dt/spinUpSec)
		case t.speed > target:
			t.speed = math.Max(target, t.speed-dt/spinDownSec)
		}
	}
	t.angle += 2 * math.Pi * t.setRPM * t.speed / 60 * dt
}

// runArm moves the arm through its phases on the clock.
func (t *Turntable) runArm() {
	el := float64(t.clock-t.phaseAt) / Rate
	switch t.arm {
	case ArmSwinging:
		f := smooth(el / swingSec)
		t.armMM = t.fromMM + (t.leadInMM()-t.fromMM)*f
		if f >= 1 {
			t.move(ArmLowering)
		}
	case ArmLowering:
		if el >= lowerSec {
			t.touchDown()
		}
	case ArmRaising:
		if el >= raiseSec {
			t.move(ArmReturning)
		}
	case ArmReturning:
		f := smooth(el / swingSec)
		t.armMM = t.fromMM + (t.restMM()-t.fromMM)*f
		if f >= 1 {
			t.arm = ArmRest
		}
	}
}

// innerMM is the innermost radius the arm reaches: the locked groove.
func (t *Turntable) innerMM() float64 {
	if t.disc == nil {
		return 0
	}
	return t.disc.RadiusMM(t.disc.Len() - 1)
}

func (t *Turntable) move(a Arm) {
	t.arm, t.fromMM, t.phaseAt = a, t.armMM, t.clock
}

// touchDown starts the play where the needle lands (dropAt).
func (t *Turntable) touchDown() {
	p, err := engine.NewPlayer(t.disc, engine.PlayOptions{Pickup: t.pickup, RPM: t.setRPM, Noise: t.noise, Seed: t.seed + uint64(t.disc.Plays()), Start: t.dropAt})
	if err != nil {
		t.err = err
		t.move(ArmReturning)
		return
	}
	t.player, t.playRPM, t.runOut, t.played = p, t.setRPM, 0, 0
	t.recording, t.take = true, make([]int16, 0, int(t.disc.ProgrammeSeconds()+10)*Rate)
	t.move(ArmPlaying)
}

// liftNow ends the play under way, if any: the engine wears the disc.
func (t *Turntable) liftNow() {
	if t.player == nil {
		return
	}
	t.finished = append(t.finished, t.player.Lift())
	t.player = nil
	t.recording = false
	t.lastTake, t.take = t.take, nil
}

func (t *Turntable) leadInMM() float64 {
	if t.disc == nil {
		return 0
	}
	return t.disc.RadiusMM(0)
}

func (t *Turntable) restMM() float64 {
	if t.disc == nil {
		return engine.DefaultParams().DiameterMM/2 + restGapMM
	}
	return t.disc.Params.DiameterMM/2 + restGapMM
}

// smooth eases a 0–1 movement in and out, as a damped arm moves.
func smooth(f float64) float64 {
	f = math.Max(0, math.Min(1, f))
	return f * f * (3 - 2*f)
}

func appendPCM16(dst []int16, src []float32) []int16 {
	for _, v := range src {
		v = max(-1, min(1, v))
		if v != v {
			v = 0
		}
		dst = append(dst, int16(math.Round(float64(v)*32767)))
	}
	return dst
}

// maxPlaySamples bounds one play: the side at the speed played plus a
// minute. A worn groove that throws the stylus back again and again would
// otherwise repeat for ever; a listener lifts the arm, and so does this.
func maxPlaySamples(d *engine.Disc, rpm float64) int {
	return int((float64(d.Len())*d.Params.RPM/rpm + 60*Rate))
}
