package synth

import "slices"

// scorer collects notes on a beat grid.
type scorer struct {
	rateHz int
	beatS  float64 // seconds per beat
	total  int     // samples wanted
	notes  []note
}

func (s *scorer) sample(beat float64) int { return int(beat * s.beatS * float64(s.rateHz)) }

// done reports whether a bar starting at beat would begin after the end.
func (s *scorer) done(beat float64) bool { return s.sample(beat) >= s.total }

func (s *scorer) add(beat, lengthBeats float64, midi int, velocity float32, inst instrument) {
	s.notes = append(s.notes, note{
		start:    s.sample(beat),
		length:   max(1, s.sample(beat+lengthBeats)-s.sample(beat)),
		freqHz:   midiHz(midi),
		velocity: velocity,
		inst:     inst,
	})
}

// chord is a harmony: its root in semitones above the key, and its tones in
// semitones above the root.
type chord struct {
	root  int
	tones []int
}

func major(root int) chord     { return chord{root, []int{0, 4, 7}} }
func dominant7(root int) chord { return chord{root, []int{0, 4, 7, 10}} }

// pitchClasses are the chord's tones in semitones above the key, 0–11.
func (c chord) pitchClasses() []int {
	pcs := make([]int, len(c.tones))
	for i, t := range c.tones {
		pcs[i] = (c.root + t) % 12
	}
	return pcs
}

// voicing places the chord's tones in the octave starting at MIDI note lo.
func (c chord) voicing(key, lo int) []int {
	var out []int
	for _, pc := range c.pitchClasses() {
		n := key + pc
		for n < lo {
			n += 12
		}
		for n >= lo+12 {
			n -= 12
		}
		out = append(out, n)
	}
	slices.Sort(out)
	return out
}

// nearTone picks a note within maxStep semitones of prev, inside [lo, hi],
// whose pitch class above key is one of pcs: the small steps and leaps of a
// singable line. It avoids repeating prev when it can.
func nearTone(r *rng, key, prev int, pcs []int, lo, hi, maxStep int) int {
	var candidates []int
	for n := max(lo, prev-maxStep); n <= min(hi, prev+maxStep); n++ {
		if n != prev && slices.Contains(pcs, ((n-key)%12+12)%12) {
			candidates = append(candidates, n)
		}
	}
	if len(candidates) == 0 {
		return prev
	}
	return candidates[r.intn(len(candidates))]
}

// lowestAbove returns the note of pitch class (pc above key) at or above lo.
func lowestAbove(key, pc, lo int) int {
	n := key + pc
	for n < lo {
		n += 12
	}
	for n-12 >= lo {
		n -= 12
	}
	return n
}
