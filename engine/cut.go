package engine

import (
	"errors"
	"fmt"
	"math"
)

// Characteristic is the cutting (recording) frequency characteristic.
type Characteristic uint8

const (
	// Char78 is the 78-era curve: constant amplitude below the bass turnover
	// (250–500 Hz, 300 default), constant velocity above (Blumlein/Western
	// Electric practice of the 1930s–50s; docs/physics.md).
	Char78 Characteristic = iota
	// CharRIAA is the RIAA recording curve (time constants 3180/318/75 µs,
	// RIAA Bulletin E1, 1954) with a 10 Hz subsonic pole so the displacement
	// stays finite at DC.
	CharRIAA
)

func (c Characteristic) String() string {
	if c == CharRIAA {
		return "riaa"
	}
	return "78"
}

// firHalf is the cutter filter's half length: 55 taps. At the default band
// limit of fs/4 (11.025 kHz) it is a half-band filter (every other tap zero):
// flat within 0.002 dB to 9 kHz, −72 dB from 13 kHz.
const firHalf = 27

// Reference level: a full-scale 1 kHz sine at LevelDB = 0 is cut at 10 cm/s
// peak velocity, a loud but normal 78 level.
const refVelocityMS = 0.10

// CutOptions choose how audio becomes groove.
type CutOptions struct {
	LevelDB        float64        // gain before the cutter, dB (0 = reference level)
	Hot            bool           // skip the lathe limiter: over-cut grooves break into neighbours
	Characteristic Characteristic // cutting curve
	TurnoverHz     float64        // Char78 bass turnover; 0 = 300 Hz
	CutterHz       float64        // cutter-head band limit; 0 = 11.025 kHz (fs/4)
	SourceRate     int            // sample rate of the audio given to Cutter.Write; 0 = EngineRate
}

func (o CutOptions) withDefaults() CutOptions {
	if o.TurnoverHz == 0 {
		o.TurnoverHz = 300
	}
	if o.CutterHz == 0 {
		// 1950s cutter heads reached ~10–12 kHz; fs/4 makes the FIR half-band.
		o.CutterHz = EngineRate / 4
	}
	if o.SourceRate == 0 {
		o.SourceRate = EngineRate
	}
	return o
}

func (o CutOptions) validate() error {
	switch {
	case math.IsNaN(o.LevelDB) || o.LevelDB < -60 || o.LevelDB > 30:
		return fmt.Errorf("level %.1f dB is outside −60…+30 dB", o.LevelDB)
	case o.Characteristic > CharRIAA:
		return fmt.Errorf("unknown cutting characteristic %d", o.Characteristic)
	case !(o.TurnoverHz >= 100 && o.TurnoverHz <= 1000):
		return fmt.Errorf("turnover %.0f Hz is outside 100–1000 Hz", o.TurnoverHz)
	case !(o.CutterHz >= 2000 && o.CutterHz <= 20000):
		return fmt.Errorf("cutter band limit %.0f Hz is outside 2–20 kHz", o.CutterHz)
	case o.SourceRate < 8000 || o.SourceRate > 192000:
		return fmt.Errorf("sample rate %d Hz is outside 8–192 kHz", o.SourceRate)
	}
	return nil
}

// cutCurve is the displacement-per-input transfer D(s) normalised so that
// 1 kHz at full scale gives refVelocityMS; returned as a digital section
// (µm per unit input) and its exact inverse.
func cutCurve(ci CutInfo) (fwd, inv biquad, scaleUM float64) {
	var b, a [3]float64
	switch ci.Characteristic {
	case CharRIAA:
		t1, t2, t3 := 3180e-6, 318e-6, 75e-6
		w0 := 2 * math.Pi * 10.0
		// D = (1+s t1)(1+s t3) / ((s+w0)(1+s t2))
		b = [3]float64{1, t1 + t3, t1 * t3}
		a = [3]float64{w0, 1 + w0*t2, t2}
	default:
		// D = (1 + s/ωN)/(1 + s·τt). The zero far above the audio band
		// (40 kHz, +0.3 dB at 10 kHz) keeps bilinear from putting a zero at
		// Nyquist, whose inverse would be a marginally stable pole.
		tt := 1 / (2 * math.Pi * ci.TurnoverHz)
		b = [3]float64{1, 1 / (2 * math.Pi * 40000), 0}
		a = [3]float64{1, tt, 0}
	}
	fwd = bilinear(b, a)
	inv = bilinear(a, b)
	// velocity at 1 kHz = |D|·ω; scale so it equals refVelocityMS (in µm/s).
	g := cmplxAbs(fwd.response(1000)) * 2 * math.Pi * 1000
	scaleUM = refVelocityMS * 1e6 / g
	return fwd, inv, scaleUM
}

// Cutter turns a stream of mono audio into a Disc, chunk by chunk (the
// microphone and the browser cut in pieces so the page never stalls).
type Cutter struct {
	p        Params
	opt      CutOptions
	disc     *Disc
	rs       *resampler
	eq       biquad
	fir      *firLowpass
	gainUM   float64
	firSkip  int // FIR delay still to discard
	lim      limiter
	maxProg  int
	mono     []float64
	finished bool
	err      error
	arc      float64
	slopeInv float64 // 1/(0.95·arc): the limiter's slope limit
	arcNext  int
	maxUM    float64
	prog     []float32 // programme displacement, µm, until Finish quantises it
	firBuf   []float64
	tiny     float64
}

// NewCutter prepares an empty disc for p.
func NewCutter(p Params, opt CutOptions) (*Cutter, error) {
	if err := p.Validate(); err != nil {
		return nil, fmt.Errorf("cut: %w", err)
	}
	opt = opt.withDefaults()
	if err := opt.validate(); err != nil {
		return nil, fmt.Errorf("cut: %w", err)
	}
	n := p.SamplesPerRev()
	maxProg := int(math.Floor((p.StartRadiusMM - p.EndRadiusMM) / p.PitchMM() * float64(n)))
	m := p.Material.props()
	width := 2 * m.depthUM
	land := p.PitchMM()*1000 - width
	if land < 10 {
		return nil, fmt.Errorf("cut: pitch %.0f lpi leaves no land between %.0f µm grooves; use fewer lines per inch", p.LPI, width)
	}
	ci := CutInfo{Characteristic: opt.Characteristic, TurnoverHz: opt.TurnoverHz,
		CutterHz: opt.CutterHz, LevelDB: opt.LevelDB, Hot: opt.Hot}
	fwd, _, scale := cutCurve(ci)
	c := &Cutter{p: p, opt: opt, eq: fwd, maxProg: maxProg, tiny: 1e-20}
	c.gainUM = scale * math.Pow(10, opt.LevelDB/20)
	c.fir = newFIRLowpass(opt.CutterHz, firHalf)
	c.firSkip = firHalf
	if opt.SourceRate != EngineRate {
		c.rs = newResampler(opt.SourceRate)
	}
	// The lathe keeps excursion inside half the land and wall slope below 1.
	maxUM := 0.5 * land
	if opt.Hot {
		maxUM = p.PitchMM() * 1000 // hot: only the int16 range clips
	}
	d := &Disc{Params: p, Cut: ci, n: n}
	c.disc = d
	c.maxUM = maxUM
	c.lim = newLimiter(0.97*maxUM, !opt.Hot)
	return c, nil
}

// MaxSeconds is the longest programme the disc holds.
func (c *Cutter) MaxSeconds() float64 { return float64(c.maxProg) / EngineRate }

// Seconds is the programme cut so far.
func (c *Cutter) Seconds() float64 { return float64(c.disc.progLen) / EngineRate }

func tooLong(have, max float64) error {
	return fmt.Errorf("audio is %s long but this disc holds at most %s; shorten it, or use more lines per inch or a slower speed",
		fmtDur(have), fmtDur(max))
}

func fmtDur(s float64) string {
	t := int(math.Floor(s*10 + 0.5))
	return fmt.Sprintf("%d:%02d.%d", t/600, (t/10)%60, t%10)
}

// Write cuts more mono audio at the source rate. NaN and Inf become silence,
// samples are clipped to ±1.
func (c *Cutter) Write(mono []float32) error {
	if c.err != nil {
		return c.err
	}
	if c.finished {
		return errors.New("cut: write after finish")
	}
	c.mono = c.mono[:0]
	if c.rs != nil {
		clean := make([]float32, len(mono))
		for i, v := range mono {
			clean[i] = float32(cleanSample(float64(v)))
		}
		c.mono = c.rs.push(clean, c.mono)
	} else {
		for _, v := range mono {
			c.mono = append(c.mono, cleanSample(float64(v)))
		}
	}
	return c.feed(c.mono)
}

func cleanSample(v float64) float64 {
	switch {
	case v != v: // NaN
		return 0
	case v > 1: // includes +Inf
		if v > math.MaxFloat64 {
			return 0
		}
		return 1
	case v < -1:
		if v < -math.MaxFloat64 {
			return 0
		}
		return -1
	}
	return v
}

func (c *Cutter) feed(x []float64) error {
	for i, v := range x {
		c.tiny = -c.tiny // keeps the EQ state out of denormals in silence
		x[i] = c.eq.process(v+c.tiny) * c.gainUM
	}
	c.firBuf = c.fir.block(x, c.firBuf[:0])
	for _, y := range c.firBuf {
		if c.firSkip > 0 {
			c.firSkip--
			continue
		}
		if err := c.store(y); err != nil {
			return err
		}
	}
	return nil
}

// feedRaw pushes already-equalised samples (zeros for the tail) through the FIR.
func (c *Cutter) feedRaw(x []float64) error {
	c.firBuf = c.fir.block(x, c.firBuf[:0])
	for _, y := range c.firBuf {
		if err := c.store(y); err != nil {
			return err
		}
	}
	return nil
}

// store passes one cutter displacement through the lathe limiter into the groove.
func (c *Cutter) store(y float64) error {
	d := c.disc
	idx := d.ProgrammeStart() + d.progLen + c.lim.delay()
	if idx >= c.arcNext {
		c.arc = d.arcUM(float64(idx)) // changes by < 0.01 % within a block
		c.slopeInv = 1 / (0.95 * c.arc)
		c.arcNext = idx + BlockSize
	}
	out, ok := c.lim.process(y, c.arc, c.slopeInv)
	if !ok {
		return nil
	}
	if d.progLen >= c.maxProg {
		c.err = fmt.Errorf("cut: %w", tooLong(float64(d.progLen+1)/EngineRate, float64(c.maxProg)/EngineRate))
		return c.err
	}
	c.prog = append(c.prog, float32(out))
	d.progLen++
	return nil
}

// Finish flushes the filters, adds the run-out and locked groove, seeds the
// surface marks and returns the disc. The Cutter cannot be used afterwards.
func (c *Cutter) Finish() (*Disc, error) { return c.FinishProgress(nil) }

// FinishProgress is Finish reporting the fraction done (0–1) every quarter
// of a million groove samples: storing a 3-minute side takes a browser about
// 150 ms, which the caller may want to spread out (progress may be nil).
func (c *Cutter) FinishProgress(progress func(float64)) (*Disc, error) {
	if progress == nil {
		progress = func(float64) {}
	}
	if c.err != nil {
		return nil, c.err
	}
	if c.finished {
		return nil, errors.New("cut: finish called twice")
	}
	c.finished = true
	if c.rs != nil {
		c.mono = c.rs.flush(c.mono[:0])
		if err := c.feed(c.mono); err != nil {
			return nil, err
		}
	}
	// Let the cutting EQ and the cutter filter ring out (10 ms) instead of
	// stopping the stylus mid-swing; a full disc just ends.
	if c.disc.progLen+c.lim.delay()+firHalf+441 <= c.maxProg {
		if err := c.feed(make([]float64, 441)); err != nil {
			return nil, err
		}
		if err := c.feedRaw(make([]float64, firHalf)); err != nil {
			return nil, err
		}
	}
	for c.lim.delay() > 0 {
		out := c.lim.flush()
		if c.disc.progLen >= c.maxProg {
			break
		}
		c.prog = append(c.prog, float32(out))
		c.disc.progLen++
	}
	d := c.disc
	d.quantise(c.prog, c.maxUM, progress)
	c.prog = nil
	d.layOutPitch()
	d.initWear()
	if c.opt.Hot {
		d.breakOvercutWalls()
	}
	progress(0.95)
	d.marks = seedMarks(d)
	c.disc = nil
	progress(1)
	return d, nil
}

// Cut mixes channels to mono and cuts them onto a new disc. Audio longer than
// the disc holds is refused up front with the maximum length in the message.
func Cut(samples [][]float32, sourceRate int, p Params, opt CutOptions) (*Disc, error) {
	opt.SourceRate = sourceRate
	c, err := NewCutter(p, opt)
	if err != nil {
		return nil, err
	}
	n := 0
	for i, ch := range samples {
		if i == 0 {
			n = len(ch)
		} else if len(ch) != n {
			return nil, fmt.Errorf("cut: channel %d has %d samples, channel 0 has %d", i, len(ch), n)
		}
	}
	if secs := float64(n) / float64(sourceRate); n > 0 && secs > c.MaxSeconds()+0.5/float64(sourceRate) {
		return nil, fmt.Errorf("cut: %w", tooLong(secs, c.MaxSeconds()))
	}
	c.prog = make([]float32, 0, int(float64(n)*EngineRate/float64(sourceRate))+EngineRate/10) // + filter tails
	const chunk = 16384
	mono := make([]float32, chunk)
	inv := float32(1)
	if len(samples) > 0 {
		inv = 1 / float32(len(samples))
	}
	for off := 0; off < n; off += chunk {
		m := min(chunk, n-off)
		for i := 0; i < m; i++ {
			s := float32(0)
			for _, ch := range samples {
				v := ch[off+i]
				if v != v || v > 1e30 || v < -1e30 { // NaN or Inf: silence
					v = 0
				}
				s += v
			}
			mono[i] = s * inv
		}
		if err := c.Write(mono[:m]); err != nil {
			return nil, err
		}
	}
	return c.Finish()
}

// quantise stores the programme as int16 with the finest step that holds its
// largest excursion (a quiet cut keeps its resolution: 2 nm steps for a
// full-land swing, finer when quieter), framed by the silent lead-in and the
// run-out and locked turn.
func (d *Disc) quantise(prog []float32, maxUM float64, progress func(float64)) {
	const every = 1 << 18
	peak := 0.0
	for i, v := range prog {
		if a := math.Abs(float64(v)); a > peak {
			peak = a
		}
		if i%every == every-1 {
			progress(0.3 * float64(i) / float64(len(prog)))
		}
	}
	if peak < 1e-3 {
		peak = maxUM
	}
	d.scaleUM = peak / 32000
	d.groove = make([]int16, (leadInTurns+runOutTurns+1)*d.n+len(prog))
	g := d.groove[leadInTurns*d.n:]
	inv := 1 / d.scaleUM
	for i, v := range prog {
		if i%every == every-1 {
			progress(0.3 + 0.6*float64(i)/float64(len(prog)))
		}
		q := math.Round(float64(v) * inv)
		if q > 32767 {
			q = 32767
		} else if q < -32767 {
			q = -32767
		}
		g[i] = int16(q)
	}
}

// initWear sets every wear cell to fresh.
func (d *Disc) initWear() {
	nb := (len(d.groove) + BlockSize - 1) / BlockSize
	m := d.Params.Material.props()
	d.smoothUM2 = make([]float32, nb)
	d.wallUM = make([]float32, nb)
	d.roughUM = make([]float32, nb)
	d.computeStats()
	for b := range d.wallUM {
		d.wallUM[b] = d.stats.freshWall[b]
		d.roughUM[b] = float32(m.grainUM)
	}
}

// depthWander is the film's depth variation, ± relative (depthVariation).
const depthWander = 0.08

// freshWallUM is cell b's wall height as cut.
func (d *Disc) freshWallUM(b int) float64 {
	if b < 0 || b >= len(d.stats.freshWall) {
		return d.Params.Material.props().depthUM
	}
	return float64(d.stats.freshWall[b])
}

// depthVariation is the cut depth at cell b relative to nominal. X-ray film
// never lies flat on a home-made lathe's platter: where the sheet bulges
// the cutter goes deeper, where it sags shallower, so the depth wanders
// round each turn and from turn to turn. Modelled as smooth position-keyed
// noise (a few bulges per turn, changing over ~10 turns) of ±depthWander
// (tuned: bone records were cut unevenly); shellac and vinyl are pressed
// flat, so only film wanders. The shallow places lose their grip first, so
// a worn disc starts skipping there.
func (d *Disc) depthVariation(b int) float64 {
	if d.Params.Material != MaterialFilm {
		return 1
	}
	i := b*BlockSize + BlockSize/2
	turn := float64(i) / float64(d.n)
	th := turn - math.Floor(turn)
	v := 0.0
	for k, amp := range [3]float64{0.6, 0.3, 0.1} {
		bulges := float64(2 + 2*k)      // 2, 4, 6 per turn
		drift := turn / float64(12-3*k) // changes over 12, 9, 6 turns
		h := splitmix64(d.Params.Seed*0x9e37 + uint64(k))
		p1, p2 := float64(h&0xffff)/65536, float64(h>>16&0xffff)/65536
		v += amp * math.Sin(2*math.Pi*(bulges*th+p1)+2*math.Pi*math.Sin(2*math.Pi*(drift+p2)))
	}
	return 1 + depthWander*v
}

// breakOvercutWalls lowers the wall between neighbouring turns wherever a
// hot cut made them overlap: two 90° V grooves whose top edges overlap by x
// leave a ridge x/2 lower than the surface.
func (d *Disc) breakOvercutWalls() {
	n := d.n
	land := d.Params.PitchMM()*1000 - d.GrooveWidthUM()
	variable := d.pitch.turnR != nil
	ps, pe := d.ProgrammeStart(), d.ProgrammeEnd()
	for i := ps - n; i < pe; i++ {
		if i < 0 {
			continue
		}
		if variable { // the land to the next turn is the local one
			land = d.PitchAtMM(i)*1000 - d.GrooveWidthUM()
		}
		// + lateral = outward; the next turn lies one pitch further in.
		gap := land - (d.FreshLateralUM(i+n) - d.FreshLateralUM(i))
		if gap >= 0 {
			continue
		}
		h := float32(math.Max(0, d.Params.Material.props().depthUM+gap/2))
		for _, j := range [2]int{i, i + n} {
			b := j / BlockSize
			if b < len(d.wallUM) && d.wallUM[b] > h {
				d.wallUM[b] = h
			}
		}
	}
}
