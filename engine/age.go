package engine

import "math"

// ageExcerpts and ageExcerptSeconds set how an aged play's fidelity is
// measured: by listening, without wear, to this many excerpts spread evenly
// over the programme.
const (
	ageExcerpts       = 8
	ageExcerptSeconds = 0.4
)

// Age plays the disc `plays` times from opt.Start to one turn of the locked
// groove without synthesising the sound: each play's wear is computed per
// cell exactly as Lift computes a real play's (wear.go; same geometry, same
// needle), so ageing and playing wear a disc alike. A real play's stylus may
// skip and so pass some cells twice or not at all; here every cell is passed
// once, and the skips a play would make are counted where the cell's wall
// can no longer hold the tip. Each play's fidelity is measured by listening
// to excerpts of the groove as it is before that play's wear (ageExcerpts),
// so the history carries a real measurement, marked Aged. progress, if not
// nil, gets the fraction done every few milliseconds of work (a browser
// yields there).
func Age(d *Disc, opt PlayOptions, plays int, progress func(float64)) ([]PlayRecord, error) {
	if err := opt.resolve(d); err != nil {
		return nil, err
	}
	if progress == nil {
		progress = func(float64) {}
	}
	recs := make([]PlayRecord, 0, max(plays, 0))
	for i := 0; i < plays; i++ {
		rec := d.agePlay(opt, func(f float64) { progress((float64(i) + f) / float64(plays)) })
		d.addPlay(rec)
		recs = append(recs, rec)
	}
	return recs, nil
}

// agePlay is one play of Age: listen, count skips, wear.
func (d *Disc) agePlay(opt PlayOptions, progress func(float64)) PlayRecord {
	base := opt.RPM / d.Params.RPM
	nd := d.needleFor(opt)
	rec := PlayRecord{Pickup: opt.Pickup.Name, RPM: opt.RPM, ForceGrams: opt.Pickup.ForceGrams, Aged: true}
	frames := d.excerptFrames(opt, nd, func(f float64) { progress(0.6 * f) })
	rec.FidelityDB, rec.Frames, rec.SignalRMS, rec.ResidualRMS = segmentalSNR(frames)

	end := d.lockStart() + d.n
	lo, hi := opt.Start/BlockSize, (end+BlockSize-1)/BlockSize
	c := newWearCtx(d, opt.Pickup, opt.RPM, nd)
	rec.Skips = d.ageSkips(&c, opt)
	c.tick = func(b int) { progress(0.6 + 0.4*float64(b-lo)/float64(hi-lo)) }
	flat := c.wearPass(lo, hi, func(int) float64 { return 1 })
	rec.NeedleUM = flat * 1e6
	rec.SamplesTraced = int64(end - opt.Start)
	rec.Seconds = float64(end-opt.Start) / base / EngineRate
	return rec
}

// excerptFrames listens to ageExcerpts short stretches of the programme
// without wear and returns their fidelity frames. The needle at each
// excerpt is worn as far as the groove before it would wear it.
func (d *Disc) excerptFrames(opt PlayOptions, nd needle, progress func(float64)) []frameStat {
	ps, pe := max(d.ProgrammeStart(), opt.Start), d.ProgrammeEnd()
	length := int(ageExcerptSeconds * EngineRate * opt.RPM / d.Params.RPM)
	if pe-ps < length {
		return nil
	}
	var frames []frameStat
	buf := make([]float32, 1024)
	o := opt
	o.NoWear, o.ReuseNeedle = true, false
	for k := 0; k < ageExcerpts; k++ {
		o.Start = ps + int(float64(pe-ps-length)*(float64(k)+0.5)/ageExcerpts)
		p, err := NewPlayer(d, o)
		if err != nil {
			return nil
		}
		p.needleNow = nd
		p.needleNow.slide(float64(o.Start-opt.Start) * d.arcUM(float64(o.Start+opt.Start)/2) * 1e-6)
		p.updateFootprint()
		total := int(ageExcerptSeconds * EngineRate)
		for want := total; want > 0; {
			n, err := p.Read(buf[:min(len(buf), want)])
			want -= n
			progress((float64(k) + float64(total-want)/float64(total)) / ageExcerpts)
			if err != nil {
				break
			}
		}
		frames = append(frames, p.frames...)
	}
	return frames
}

// ageSkips counts the turns on which the stylus would climb out, by the
// play's own rule (mistracking in Player.follow, checkSkip) taken per cell:
// where the cell's peak acceleration passes what the worn walls can give, the tip
// lags by about the excess over (2πf)², f the groove's dominant frequency
// there; when that passes the wall left above the contact, it is out. At
// most one skip per turn.
func (d *Disc) ageSkips(c *wearCtx, opt PlayOptions) int {
	pk := opt.Pickup
	mass, force := pk.TipMassMG*1e-6, pk.ForceGrams*1e-3*9.81
	if mass <= 0 || force <= 0 {
		return 0
	}
	perTurn := d.n / BlockSize
	skips, lastTurn := 0, -1
	for b := max(d.ProgrammeStart(), opt.Start) / BlockSize; b < d.ProgrammeEnd()/BlockSize; b++ {
		turn := b / perTurn
		if turn == lastTurn {
			continue
		}
		excess := 0.0 // m/s²
		if _, accPeak, _ := c.cellLoad(b); accPeak > 0 {
			excess = accPeak - force*d.grip(b, pk.TipRadiusUM)/mass
		}
		lambda := float64(d.stats.lambdaUM[b]) * 1e-6
		if excess <= 0 || lambda <= 0 {
			continue
		}
		w := 2 * math.Pi * c.speedAt(b) / lambda
		if excess/(w*w)*1e6 > float64(d.wallUM[b])-0.7071*pk.TipRadiusUM {
			skips++
			lastTurn = turn
			if len(d.marks) < maxMarks {
				i := b*BlockSize + BlockSize/2
				d.marks = append(d.marks, Mark{Kind: MarkSkip, RadiusMM: d.RadiusMM(i), AngleRad: d.AngleRad(i), LengthMM: d.PitchAtMM(i)})
			}
		}
	}
	return skips
}
