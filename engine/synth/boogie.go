package synth

// composeBoogie writes 12-bar blues choruses for solo piano: the left hand
// walks the classic boogie figure in swung eighths (root, 3rd, 5th, 6th,
// flat 7th and back, in octaves), the right hand improvises stabs, riffs on
// the blues scale and triplet tremolos, chosen by the seed.
func composeBoogie(r *rng, rateHz, total int) []note {
	key := 36 + pick(r, 0, 5, 7, -2, 3) // C, F, G, B♭ or E♭ in the bass octave
	bpm := 138 + float64(r.intn(25))
	s := &scorer{rateHz: rateHz, beatS: 60 / bpm, total: total}
	const swing = 2.0 / 3 // the off-beat eighth falls on the last triplet
	eighth := func(bar, i int) float64 {
		b := float64(bar*4) + float64(i/2)
		if i%2 == 1 {
			b += swing
		}
		return b
	}
	twelveBar := [12]int{0, 0, 0, 0, 5, 5, 0, 0, 7, 5, 0, 7}
	walk := [8]int{0, 4, 7, 9, 10, 9, 7, 4}
	blues := []int{0, 3, 5, 6, 7, 10}
	rh := key + 24 // right hand around middle C
	prev := rh + 7
	for bar := 0; !s.done(float64(bar * 4)); bar++ {
		chorus, inChorus := bar/12, bar%12
		root := key + twelveBar[inChorus]
		for i, step := range walk {
			vel := float32(0.5)
			if i%2 == 0 {
				vel = 0.62 // on the beat
			}
			s.add(eighth(bar, i), 0.45, root+step, vel, piano)
			s.add(eighth(bar, i), 0.45, root+step+12, vel*0.6, piano)
		}
		c := dominant7(twelveBar[inChorus])
		stab := c.voicing(key, rh)
		pattern := r.intn(4)
		if chorus == 0 && inChorus < 4 {
			pattern = 0 // open plainly
		}
		switch pattern {
		case 0: // chord stabs on the off-beat of 1 and on 3
			for _, at := range []float64{swing, 2, 3 + swing} {
				for _, n := range stab {
					s.add(float64(bar*4)+at, 0.3, n, 0.5, piano)
				}
			}
		case 1: // a riff on the blues scale, with rests
			for i := range 8 {
				if r.intn(5) == 0 {
					continue
				}
				prev = nearTone(r, key, prev, blues, rh, rh+19, 4)
				s.add(eighth(bar, i), 0.4, prev, 0.55+0.1*float32(i%2^1), piano)
			}
		case 2: // triplet tremolo between the 3rd and the 7th
			lo, hi := stab[0], stab[len(stab)-1]
			for i := range 12 {
				n := lo
				if i%2 == 1 {
					n = hi
				}
				s.add(float64(bar*4)+float64(i)/3, 0.3, n, 0.42, piano)
			}
		case 3: // a descending triplet run, then a stab on 4
			n := rh + 19
			for i := range 6 {
				n = nearTone(r, key, n, blues, rh, n-1, 3)
				s.add(float64(bar*4)+float64(i)/3, 0.3, n, 0.5, piano)
			}
			for _, n := range stab {
				s.add(float64(bar*4)+3, 0.6, n, 0.55, piano)
			}
		}
	}
	return s.notes
}
