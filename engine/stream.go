package engine

import (
	"errors"
	"fmt"
	"io"
	"math"
	"runtime"
)

// PlayOptions choose the record player and how it is played.
type PlayOptions struct {
	Pickup Pickup
	RPM    float64 // turntable speed; 0 = the speed the disc was cut at
	Noise  bool    // hiss, dust, scratches and rumble
	Seed   uint64  // rumble and click polarity; the wall grain is the disc's own
	Start  int     // groove sample where the needle drops; 0 = start of the lead-in
	NoWear bool    // Lift records the play but leaves the groove as it was
	NoWow  bool    // play as if the hole were centred (tests)
	// ReuseNeedle plays with the steel needle the last play with this
	// pickup left worn, instead of a fresh one (needle.go).
	ReuseNeedle bool
}

// Player is a pull stream of one play: mono float32 at EngineRate. It runs
// in small real-time blocks (the browser) or in bulk (the CLI); the wear pass
// is applied by Lift from what the stylus actually traced, so always Lift a
// play. A Player and its Disc are not safe for concurrent use, and only one
// Player should be on a Disc at a time.
type Player struct {
	d      *Disc
	opt    PlayOptions
	tr     *tracer
	out    chain // pickup chain
	ref    chain // same chain on the fresh point-stylus reference
	rum    *rumble
	pos    float64 // groove sample under the stylus
	base   float64 // turntable rpm / cut rpm
	speed  float64 // external speed ratio (hand on the disc)
	lifted bool
	rec    PlayRecord
	done   bool

	// skip model
	forceN    float64
	massKG    float64
	contact   float64
	y1, y2    float64 // the groove's path under the tip, the last two samples
	x1, x2    float64 // the tip's own path (mistracking: it may lag the groove)
	cool      int
	repeats   int
	hold      float64 // lateral force the walls of holdBlock can give, N
	holdLim   float64 // the acceleration it gives the tip, µm/sample²
	holdWall  float64 // the wall left above the tip's contact there, µm
	holdBlock int
	skipMark  []Mark

	// wear: groove samples traversed per block, and the needle
	slide       []float32
	needleStart needle // as it was when the needle dropped
	needleNow   needle // as it is: the tracer's footprint follows its flat
	flatUM      float64

	// fidelity: per 20 ms frame sums of ref², ref·out, out²
	fr         frameStat
	frames     []frameStat
	frameCount int
	damaged    int // samples still to count as ruined after a skip

	traced   float64
	emitted  int64
	wow      float64
	wowStale bool
	tiny     float64

	// the run traced ahead (Read): the stylus and the fresh reference
	aheadY, aheadF [aheadLen]float64
}

type frameStat struct {
	rr, ro, oo float64
	ruined     bool // a skip's jump and click: scored as the floor, −10 dB
}

// skipRuins is how long after a skip the sound counts as ruined for the
// fidelity score: the click and the jump, about two syllables.
const skipRuins = EngineRate * 3 / 10

const (
	frameLen  = EngineRate / 50 // 20 ms
	maxFrames = 200000          // about 66 minutes of fidelity statistics
)

// resolve fills in the disc's own speed and checks the options against d.
func (opt *PlayOptions) resolve(d *Disc) error {
	if d == nil || len(d.groove) == 0 {
		return errors.New("play: no disc")
	}
	if err := opt.Pickup.validate(); err != nil {
		return fmt.Errorf("play: %w", err)
	}
	if opt.RPM == 0 {
		opt.RPM = d.Params.RPM
	}
	if !(opt.RPM >= 8 && opt.RPM <= 120) {
		return fmt.Errorf("play: speed %.1f rpm is outside 8–120 rpm", opt.RPM)
	}
	if opt.Start < 0 || opt.Start >= d.Len() {
		return fmt.Errorf("play: start sample %d is outside the groove (0–%d)", opt.Start, d.Len()-1)
	}
	return nil
}

// NewPlayer puts the needle on the disc.
func NewPlayer(d *Disc, opt PlayOptions) (*Player, error) {
	if err := opt.resolve(d); err != nil {
		return nil, err
	}
	p := &Player{d: d, opt: opt, pos: float64(opt.Start), base: opt.RPM / d.Params.RPM, speed: 1, wow: 1, wowStale: true, tiny: 1e-20, holdBlock: -1}
	var ev *events
	if opt.Noise {
		ev = buildEvents(d, opt.Seed)
		if opt.Pickup.RumbleUM > 0 {
			p.rum = newRumble(opt.Pickup.RumbleUM, opt.Seed)
		}
	}
	p.tr = newTracer(d, opt.Pickup, opt.Noise, d.Params.Seed*0x2545f4914f6cdd1d+7, ev)
	p.out = pickupChain(opt.Pickup, d.Cut)
	p.ref = p.out.clone()
	p.forceN = opt.Pickup.ForceGrams * 1e-3 * 9.81
	p.massKG = opt.Pickup.TipMassMG * 1e-6
	p.contact = p.tr.contactUM
	if !opt.NoWear {
		p.slide = make([]float32, len(d.wallUM)) // a listening pass wears nothing
	}
	p.needleStart = d.needleFor(opt)
	p.needleNow = p.needleStart
	p.updateFootprint()
	p.rec = PlayRecord{Pickup: opt.Pickup.Name, RPM: opt.RPM, ForceGrams: opt.Pickup.ForceGrams}
	return p, nil
}

// SetSpeed sets the speed relative to the turntable (1 = nominal; a hand
// scratching the disc may make it 0 or negative).
func (p *Player) SetSpeed(ratio float64) {
	if math.IsNaN(ratio) || math.IsInf(ratio, 0) {
		return
	}
	p.speed = math.Max(-8, math.Min(8, ratio))
}

// Position is the groove sample under the stylus and its radius.
func (p *Player) Position() (sample int, radiusMM float64) {
	return p.d.canonical(int(p.pos)), p.d.radiusAt(p.pos)
}

// Skips so far in this play.
func (p *Player) Skips() int { return p.rec.Skips }

// InRunOut reports whether the stylus has reached the run-out.
func (p *Player) InRunOut() bool { return p.pos >= float64(p.d.ProgrammeEnd()) }

// Read fills dst with mono samples. It returns io.EOF once the stylus is
// lifted or runs off the edge; the locked run-out groove never ends by itself.
//
// It works in passes over runs of up to aheadLen samples, each pass a
// sample-by-sample loop doing its share of what one loop over the samples
// would do, in the same order, so the samples come out the same:
//
//  1. traceAhead walks the stylus's path ahead (wow, the locked groove) and
//     traces the groove along it, and reads the fresh reference groove;
//  2. follow does what depends on the stylus's own history: rumble,
//     mistracking, skips, the wear tally, the needle, moving on;
//  3. listen plays the run through the pickup and sums the fidelity.
//
// The tracer is called with the same positions in the same order as one
// loop would call it. The tracing of a sample no longer waits for the
// filters of the one before, so the processor overlaps the samples' work.
// A run stops after the sample where follow changes the tracer
// (updateFootprint, every 1024 samples), and after a skip: the next run is
// traced from where the stylus landed. (traceAhead has then traced a
// little of the turn the stylus left, which changes nothing: what the
// tracer computes at a sample does not depend on what it computed before.)
func (p *Player) Read(dst []float32) (int, error) {
	if p.lifted {
		return 0, io.EOF
	}
	n := float64(p.d.n)
	lockEnd := float64(p.d.lockStart()) + n
	ecc := p.d.Params.EccentricityMM
	if p.opt.NoWow {
		ecc = 0
	}
	for k := 0; k < len(dst); {
		run := p.traceAhead(min(len(dst)-k, aheadLen), ecc, lockEnd, n)
		m, skipped := p.follow(run, ecc, lockEnd, n)
		p.listen(dst[k:k+m], skipped)
		if k += m; p.lifted {
			return k, io.EOF // ran off the edge backwards
		}
	}
	return len(dst), nil
}

// follow moves the stylus along the traced run: aheadY becomes the path
// the pickup follows (rumble, mistracking). It stops after a skip, and
// when the stylus runs off the edge (lifted); it returns the samples done
// and whether the last of them skipped.
func (p *Player) follow(run []float64, ecc, lockEnd, n float64) (int, bool) {
	d := p.d
	// The groove's and the tip's last two positions stay in registers,
	// and go back to p when checkSkip needs them and when the run ends.
	x1, x2, y1, y2 := p.x1, p.x2, p.y1, p.y2
	held := p.massKG > 0 && p.forceN > 0 // the walls' grip limits the tip
	for i, y := range run {
		if p.rum != nil {
			y += p.rum.next()
		}
		b := d.canonical(int(p.pos)) / BlockSize
		// Mistracking (see trackOmega): the tip's path is the groove's
		// plus the return of its error, its acceleration clipped at what
		// the walls of cell b can give.
		gy := y - 2*y1 + y2 // groove acceleration, µm/sample²
		e := x1 - y1        // the tip's error
		ev := (x1 - x2) - (y1 - y2)
		a := gy - 2*trackZeta*trackOmega*ev - trackOmega*trackOmega*e
		if held {
			p.updateHold(b)
			if lim := p.holdLim; math.Abs(a) > lim {
				a = math.Copysign(lim, a)
			}
		}
		x := 2*x1 - x2 + a
		y2, y1, x2, x1 = y1, y, x1, x
		run[i] = x

		if b >= 0 && b < len(p.slide) {
			p.slide[b] += float32(math.Abs(p.base * p.speed * p.wow))
		}
		skipped := false
		if p.cool > 0 {
			p.cool--
		} else if held && p.emitted > 8 && math.Abs(x1-y1) > p.holdWall {
			// (checkSkip's own first test, with the cell's wall that
			// updateHold has just cached: most samples need no call)
			p.x1, p.x2, p.y1, p.y2 = x1, x2, y1, y2
			skipped = p.checkSkip(b)
			x1, x2 = p.x1, p.x2 // it lands in the neighbouring groove
		}
		if skipped {
			// The reference is the fresh groove where the stylus is: after
			// a skip the rest of the side is not scored as wrong, only the
			// jump.
			p.aheadF[i] = d.freshAt(refPos(p.pos, lockEnd, n))
		}
		if p.emitted&31 == 0 { // the needle wears as it slides
			p.needleNow.slide(32 * p.d.arcUM(p.pos) * 1e-6 * math.Abs(p.base*p.speed))
			if p.emitted&1023 == 0 {
				p.updateFootprint()
			}
		}
		// Wow: the factor changes at 1.3 Hz, refresh it every 32 samples.
		if p.emitted&31 == 0 || p.wowStale {
			p.wow, p.wowStale = p.wowAt(p.pos, ecc), false
		}
		step := p.base * p.speed * p.wow
		if p.pos = nextPos(p.pos, step, lockEnd, n); p.pos < 0 {
			p.lifted = true
			p.x1, p.x2, p.y1, p.y2 = x1, x2, y1, y2
			return i + 1, skipped
		}
		p.traced += math.Abs(step)
		p.emitted++
		if skipped {
			p.x1, p.x2, p.y1, p.y2 = x1, x2, y1, y2
			return i + 1, true // trace on from where the stylus landed
		}
	}
	p.x1, p.x2, p.y1, p.y2 = x1, x2, y1, y2
	return len(run), false
}

// listen plays the run follow has done through the pickup into out, and
// the fresh reference through the same chain, and sums the fidelity
// statistics; skipped says whether its last sample skipped.
func (p *Player) listen(out []float32, skipped bool) {
	m := len(out)
	ys, fs := p.aheadY[:m], p.aheadF[:m]
	oc, rc := p.out, p.ref[:len(p.out)] // ref is a clone of out
	// the running sums in registers, back to p at the end
	tiny, fr, count, damaged := p.tiny, p.fr, p.frameCount, p.damaged
	for i, y := range ys {
		// ±1e-20 µm at Nyquist keeps the IIR states out of the denormal
		// range in silence (denormals are ~100× slower on x86).
		tiny = -tiny
		o, ro := y+tiny, fs[i]+tiny
		for s := range oc { // the pickup, and the same filter on the reference
			o, ro = oc[s].process(o), rc[s].process(ro)
		}
		fr.rr += ro * ro
		fr.ro += ro * o
		fr.oo += o * o
		if skipped && i == m-1 {
			damaged = skipRuins // the jump and the click
		}
		if damaged > 0 {
			damaged--
			fr.ruined = true
		}
		if count++; count == frameLen {
			if len(p.frames) < maxFrames {
				p.frames = append(p.frames, fr)
			}
			fr, count = frameStat{}, 0
		}
		out[i] = float32(o)
	}
	p.tiny, p.fr, p.frameCount, p.damaged = tiny, fr, count, damaged
}

// aheadLen is the longest run Read traces ahead (see Read).
const aheadLen = 256

// traceAhead traces up to m samples of the stylus's path from where it is
// into aheadY, and the fresh reference groove into aheadF, moving the
// stylus as Read will while no skip intervenes; it stops after the sample
// where Read updates the footprint, and where the stylus runs off the edge.
// It returns the run traced.
func (p *Player) traceAhead(m int, ecc, lockEnd, n float64) []float64 {
	pos, wow, stale, e := p.pos, p.wow, p.wowStale, p.emitted
	d, tr := p.d, p.tr
	ys, fs := p.aheadY[:m], p.aheadF[:m]
	for i := range ys {
		// the traced position between samples: Catmull-Rom
		j := floorInt(pos)
		y := tr.traced(j)
		if f := pos - float64(j); f != 0 {
			y = catmull(tr.traced(j-1), y, tr.traced(j+1), tr.traced(j+2), f)
		}
		ys[i] = y
		fs[i] = d.freshAt(refPos(pos, lockEnd, n))
		if e&1023 == 0 {
			return ys[:i+1] // Read updates the footprint after this sample
		}
		if e&31 == 0 || stale {
			wow, stale = p.wowAt(pos, ecc), false
		}
		if pos = nextPos(pos, p.base*p.speed*wow, lockEnd, n); pos < 0 {
			return ys[:i+1]
		}
		e++
	}
	return ys
}

// refPos is where the fidelity reference reads the fresh groove for the
// stylus at pos: the locked turn's positions kept one turn on map back.
func refPos(pos, lockEnd, n float64) float64 {
	for pos >= lockEnd {
		pos -= n
	}
	return pos
}

// nextPos moves the stylus by step samples. The locked groove closes on
// itself: positions past its end are kept one turn on (the tracer maps
// them onto the loop), so the tip's window never straddles the run-out
// spiral.
func nextPos(pos, step, lockEnd, n float64) float64 {
	pos += step
	if pos >= lockEnd+n {
		pos -= n
	}
	return pos
}

// wowAt is the speed factor from the off-centre hole at pos: the disc turns
// about the burned hole, e off the groove centre, so the groove passes the
// stylus at ω(r + e·cos θ): speed deviation e/r at the rotation rate
// (docs/physics.md).
func (p *Player) wowAt(pos, ecc float64) float64 {
	if ecc <= 0 {
		return 1
	}
	d := p.d
	n := float64(d.n)
	r := d.radiusAt(pos)
	th := 2 * math.Pi * (pos - n*math.Floor(pos/n)) / n
	return 1 + ecc/r*math.Cos(th-d.Params.EccentricityRad)
}

// Mistracking. The walls can accelerate the tip sideways by at most
// F_track·grip/m (Disc.grip); where the groove turns more sharply the tip
// cannot follow and lags, then is pushed back. The path it takes is the
// groove's plus a critically damped return of its error (about 2 kHz),
// with the acceleration clipped at what the walls can give — so worn walls
// and loud treble break up into distortion before the tip jumps out.
// While the walls can give what the groove needs, the tip follows exactly.
const (
	trackOmega = 0.3 // return rate, radians per sample
	trackZeta  = 1.0 // critically damped
)

// fs2 converts an acceleration in µm/sample² to m/s².
const fs2 = float64(EngineRate) * float64(EngineRate) * 1e-6

// updateHold caches the sideways force the walls of cell b can give, and
// the acceleration it allows the tip (the mistracking limit, worked out
// once per cell rather than per sample: the same two divisions give the
// same value).
func (p *Player) updateHold(b int) {
	if b != p.holdBlock { // the wall is constant over a wear cell
		p.loadHold(b)
	}
}

// loadHold is updateHold's work for a new cell.
func (p *Player) loadHold(b int) {
	p.hold = p.forceN * p.d.grip(b, p.opt.Pickup.TipRadiusUM)
	p.holdLim = p.hold / p.massKG / fs2
	p.holdWall = math.Inf(1) // checkSkip's bound on the throw
	if b >= 0 && b < len(p.d.wallUM) {
		p.holdWall = float64(p.d.wallUM[b]) - 0.7071*p.opt.Pickup.TipRadiusUM
	}
	p.holdBlock = b
}

// checkSkip decides whether the stylus climbs out of the groove: when the
// mistracking tip has been thrown sideways further than the wall left above
// its contact point (on a 45° wall a sideways shift lifts it as much), it
// is out, and lands in the neighbouring turn — back (repeat) if thrown
// outward, on (skip) if inward. Worn walls lose grip first where the music
// is loudest, so skipping starts there.
func (p *Player) checkSkip(b int) bool {
	d := p.d
	if b < 0 || b >= len(d.wallUM) {
		return false
	}
	thrown := p.x1 - p.y1
	if math.Abs(thrown) <= float64(d.wallUM[b])-0.7071*p.opt.Pickup.TipRadiusUM {
		return false
	}
	n := float64(d.n)
	if p.pos < float64(d.ProgrammeStart()) || p.pos >= float64(d.lockStart()) {
		return false // lead-in and locked groove: no neighbour to jump to that matters
	}
	dir := 1.0
	if thrown > 0 && p.repeats < 2 {
		dir = -1
		p.repeats++
	} else {
		p.repeats = 0
	}
	r := d.radiusAt(p.pos)
	th := 2 * math.Pi * math.Mod(p.pos, n) / n
	jumpMM := d.pitchAt(math.Min(p.pos, p.pos+dir*n)) // the land it crosses
	p.pos += dir * n
	p.x1, p.x2 = p.y1, p.y2 // it lands in the neighbouring groove
	p.wowStale = true
	p.rec.Skips++
	p.cool = d.n / 8
	if len(p.skipMark) < 256 {
		p.skipMark = append(p.skipMark, Mark{Kind: MarkSkip, RadiusMM: r, AngleRad: th, LengthMM: jumpMM})
	}
	return true // Read counts the jump and click as ruined (skipRuins)
}

// Lift ends the play: the wear pass is applied to what was traced, the play
// is appended to the disc's history and returned. Further calls return the
// same record.
func (p *Player) Lift() PlayRecord {
	if p.done {
		return p.rec
	}
	p.lifted, p.done = true, true
	p.tr.ahead.close() // the worker reads the disc Lift is about to wear
	p.tr.ahead = nil
	if p.frameCount > 0 && len(p.frames) < maxFrames {
		p.frames = append(p.frames, p.fr)
	}
	p.rec.SamplesTraced = int64(p.traced)
	p.rec.Seconds = float64(p.emitted) / EngineRate
	p.rec.FidelityDB, p.rec.Frames, p.rec.SignalRMS, p.rec.ResidualRMS = segmentalSNR(p.frames)
	p.rec.NeedleUM = p.needleNow.flatM() * 1e6
	if !p.opt.NoWear {
		p.rec.NeedleUM = p.d.applyWear(p) * 1e6
	}
	for _, m := range p.skipMark {
		if len(p.d.marks) < maxMarks {
			p.d.marks = append(p.d.marks, m)
		}
	}
	p.d.addPlay(p.rec)
	p.slide, p.frames = nil, nil
	return p.rec
}

// PlayAll plays one side through in bulk — from the needle drop to one full
// turn of the locked groove, or maxSeconds (≤ 0: capacity plus a minute) —
// then lifts the stylus, wearing the disc.
func PlayAll(d *Disc, opt PlayOptions, maxSeconds float64) ([]float32, PlayRecord, error) {
	return playAll(d, opt, maxSeconds, runtime.GOMAXPROCS(0) > 1)
}

// playAll is PlayAll, tracing the contact on a second core if ahead
// (ahead.go; the samples are the same either way).
func playAll(d *Disc, opt PlayOptions, maxSeconds float64, ahead bool) ([]float32, PlayRecord, error) {
	p, err := NewPlayer(d, opt)
	if err != nil {
		return nil, PlayRecord{}, err
	}
	if ahead {
		p.tr.ahead = startAhead(p.tr.twin())
		defer p.tr.ahead.close() // Lift has closed it unless Read failed
	}
	if maxSeconds <= 0 {
		maxSeconds = float64(d.Len())/EngineRate/p.base + 60
	}
	limit := int(maxSeconds * EngineRate)
	expect := int(float64(d.Len()-opt.Start)/p.base) + EngineRate
	out := make([]float32, 0, min(limit, expect))
	buf := make([]float32, 4096)
	lockStart := float64(d.lockStart())
	inLock := 0
	for len(out) < limit {
		m := min(len(buf), limit-len(out))
		var k int
		if n := len(out); cap(out)-n >= m { // straight into out: no copy
			k, err = p.Read(out[n : n+m])
			out = out[:n+k]
		} else {
			k, err = p.Read(buf[:m])
			out = append(out, buf[:k]...)
		}
		if err != nil {
			break
		}
		if p.pos >= lockStart {
			inLock += k
			if float64(inLock)*p.base >= float64(d.n) {
				break
			}
		}
	}
	rec := p.Lift()
	return out, rec, nil
}

// updateFootprint widens the tracer's contact by the needle's flat, so a
// steel needle sounds duller as it wears through the side.
func (p *Player) updateFootprint() {
	flat := p.needleNow.flatM() * 1e6
	if flat == p.flatUM && flat > 0 {
		return
	}
	p.flatUM = flat
	a := p.tr.baseContactUM
	p.tr.setContact(math.Sqrt(a*a + flat*flat))
	p.contact = p.tr.contactUM
}

// needleFor is the needle a play with opt drops: fresh, or (ReuseNeedle)
// with the flat the last play with the same pickup left on it.
func (d *Disc) needleFor(opt PlayOptions) needle {
	startFlat := 0.0
	if opt.ReuseNeedle {
		startFlat = d.lastNeedleUM(opt.Pickup.Name)
	}
	return newNeedle(d, opt.Pickup, startFlat)
}

// lastNeedleUM is the flat the last play with the named pickup left on its
// needle (0 if none).
func (d *Disc) lastNeedleUM(pickup string) float64 {
	for i := len(d.history) - 1; i >= 0; i-- {
		if d.history[i].Pickup == pickup {
			return d.history[i].NeedleUM
		}
	}
	return 0
}

// addPlay appends a play to the history (a kiosk disc keeps the latest
// million plays).
func (d *Disc) addPlay(rec PlayRecord) {
	if len(d.history) >= maxHistory {
		d.history = d.history[1:]
	}
	d.history = append(d.history, rec)
}
