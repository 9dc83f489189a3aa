package synth

// composeMarch writes a 16-bar march in 2/4 for a small brass band: tuba on
// the beats (root, then fifth), horns on the off-beats, bass drum and snare,
// a bugle-like melody on the chord tones, and a snare roll into each phrase.
func composeMarch(r *rng, rateHz, total int) []note {
	key := 46 + pick(r, 0, 2, 5, 7) // B♭, C, E♭ or F: band keys
	bpm := 112 + float64(r.intn(12))
	s := &scorer{rateHz: rateHz, beatS: 60 / bpm, total: total}
	form := []chord{
		major(0), major(0), dominant7(7), dominant7(7), dominant7(7), dominant7(7), major(0), major(0),
		major(0), major(0), major(5), major(5), major(0), dominant7(7), major(0), major(0),
	}
	rhythms := [][]float64{{1, 1}, {0.75, 0.25, 1}, {0.5, 0.5, 0.5, 0.5}, {1, 0.5, 0.5}, {2}}
	melodyLo, melodyHi := key+17, key+31
	prev := key + 24
	for bar := 0; !s.done(float64(bar * 2)); bar++ {
		c := form[bar%len(form)]
		start := float64(bar * 2)
		root := lowestAbove(key, c.root, key-14)
		s.add(start, 0.8, root, 0.8, tuba)
		s.add(start+1, 0.8, lowestAbove(key, (c.root+7)%12, key-19), 0.7, tuba)
		s.add(start, 0.2, 0, 0.9, kick)
		s.add(start+1, 0.1, 0, 0.55, snare)
		for _, beat := range []float64{0.5, 1.5} {
			for _, n := range c.voicing(key, key+10) {
				s.add(start+beat, 0.3, n, 0.22, brass)
			}
		}
		if bar%8 == 7 { // end of the phrase: hold the tonic, roll the snare
			prev = lowestAbove(key, 0, melodyLo)
			s.add(start, 1.8, prev, 0.85, brass)
			for i := range 6 {
				s.add(start+1+float64(i)/6, 0.1, 0, 0.3+0.05*float32(i), snare)
			}
			continue
		}
		at := start
		for _, length := range rhythms[r.intn(len(rhythms))] {
			prev = nearTone(r, key, prev, c.pitchClasses(), melodyLo, melodyHi, 7)
			s.add(at, length*0.85, prev, 0.8, brass)
			at += length
		}
	}
	return s.notes
}
