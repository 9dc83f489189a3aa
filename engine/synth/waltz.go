package synth

// composeWaltz writes a 16-bar waltz in 3/4: piano bass on one, chords on
// two and three ("oom-pah-pah"), and an accordion melody that walks over the
// chord tones and comes to rest on the tonic at the end of each 8-bar phrase.
func composeWaltz(r *rng, rateHz, total int) []note {
	key := 48 + pick(r, 0, 2, 5, 7, -3) // C, D, F, G or A
	bpm := 150 + float64(r.intn(30))
	s := &scorer{rateHz: rateHz, beatS: 60 / bpm, total: total}
	form := []chord{
		major(0), major(0), dominant7(7), dominant7(7), dominant7(7), dominant7(7), major(0), major(0),
		major(0), major(0), major(5), major(5), major(0), dominant7(7), major(0), major(0),
	}
	scale := []int{0, 2, 4, 5, 7, 9, 11}
	rhythms := [][]float64{{2, 1}, {1, 1, 1}, {1.5, 0.5, 1}, {3}}
	melodyLo, melodyHi := key+19, key+33
	prev := key + 24
	for bar := 0; !s.done(float64(bar * 3)); bar++ {
		c := form[bar%len(form)]
		start := float64(bar * 3)
		s.add(start, 0.9, lowestAbove(key, c.root, key-12), 0.6, piano)
		for _, beat := range []float64{1, 2} {
			for _, n := range c.voicing(key, key+7) {
				s.add(start+beat, 0.55, n, 0.3, piano)
			}
		}
		if bar%8 == 7 { // end of the phrase: rest on the tonic
			prev = lowestAbove(key, 0, melodyLo)
			s.add(start, 2.8, prev, 0.75, reed)
			continue
		}
		at := start
		for i, length := range rhythms[r.intn(len(rhythms))] {
			pcs := c.pitchClasses()
			if i > 0 && length < 1 {
				pcs = scale // passing tones on weak, short notes
			}
			prev = nearTone(r, key, prev, pcs, melodyLo, melodyHi, 5)
			s.add(at, length*0.92, prev, 0.7, reed)
			at += length
		}
	}
	return s.notes
}
