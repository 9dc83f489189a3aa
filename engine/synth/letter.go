package synth

import "math"

// The "audio letter" is a voice speaking in no particular language: a
// source-filter formant synthesiser (after Klatt, "Software for a cascade/
// parallel formant synthesizer", JASA 67, 1980). A glottal pulse train with
// falling, wandering pitch feeds a cascade of vowel formant resonators;
// fricatives and stop bursts are shaped noise. Syllables come in phrases
// separated by pauses, so it has the rhythm of speech without any words.

type segmentKind uint8

const (
	vowelSeg segmentKind = iota
	nasalSeg
	fricativeSeg
	stopSeg // closure silence ending in a noise burst
	pauseSeg
)

// segment is a stretch of speech moving towards one articulatory target.
type segment struct {
	kind       segmentKind
	length     int        // samples
	formantsHz [3]float64 // F1–F3 target
	f0Hz       float64    // pitch target
	voiced     float64    // glottal source level
	noise      float64    // noise level
	noiseHz    float64    // noise colour (resonance centre)
}

// vowelFormantsHz are F1–F3 of a, e, i, o, u for an adult male voice
// (Peterson & Barney, JASA 24, 1952). A function, not a variable: no
// package state anyone could change.
func vowelFormantsHz() [5][3]float64 {
	return [5][3]float64{
		{730, 1090, 2440}, // a
		{530, 1840, 2480}, // e
		{270, 2290, 3010}, // i
		{570, 840, 2410},  // o
		{300, 870, 2240},  // u
	}
}

// onset is a syllable-initial consonant: its kind, noise colour and how
// long it lasts in seconds.
type onset struct {
	kind    segmentKind
	noiseHz float64
	lengthS float64
}

func onsets() [8]onset {
	return [8]onset{
		{fricativeSeg, 5500, 0.09}, // s
		{fricativeSeg, 2700, 0.09}, // sh
		{fricativeSeg, 1400, 0.07}, // h/f, dull
		{stopSeg, 3500, 0.07},      // t
		{stopSeg, 1800, 0.07},      // k
		{stopSeg, 900, 0.06},       // p
		{nasalSeg, 0, 0.07},        // m/n
		{vowelSeg, 0, 0},           // no consonant
	}
}

// composeSpeech lays out phrases of syllables until total samples are covered.
func composeSpeech(r *rng, rateHz, total int) []segment {
	samples := func(s float64) int { return samplesFor(s, rateHz) }
	var segs []segment
	covered := 0
	push := func(s segment) {
		segs = append(segs, s)
		covered += s.length
	}
	push(segment{kind: pauseSeg, length: samples(0.3), f0Hz: 120, formantsHz: vowelFormantsHz()[0]})
	for covered < total {
		syllables := 4 + r.intn(6)
		f0Start := 125 + 20*r.float()
		f0End := 92 + 10*r.float()
		question := r.intn(5) == 0
		for i := range syllables {
			progress := float64(i) / float64(syllables-1)
			f0 := f0Start + (f0End-f0Start)*progress
			stressed := r.intn(3) == 0
			if stressed {
				f0 += 18
			}
			if question && i == syllables-1 {
				f0 = f0Start + 30
			}
			vowel := vowelFormantsHz()[r.intn(5)]
			switch c := onsets()[r.intn(8)]; c.kind {
			case fricativeSeg:
				push(segment{kind: fricativeSeg, length: samples(c.lengthS), formantsHz: vowel, f0Hz: f0, noise: 0.5, noiseHz: c.noiseHz})
			case stopSeg:
				push(segment{kind: stopSeg, length: samples(c.lengthS), formantsHz: vowel, f0Hz: f0, noise: 0.9, noiseHz: c.noiseHz})
			case nasalSeg:
				push(segment{kind: nasalSeg, length: samples(c.lengthS), formantsHz: [3]float64{250, 1100, 2300}, f0Hz: f0, voiced: 0.45})
			}
			vowelS := 0.11 + 0.08*r.float()
			if stressed {
				vowelS += 0.07
			}
			if i == syllables-1 {
				vowelS += 0.1 // phrase-final lengthening
			}
			push(segment{kind: vowelSeg, length: samples(vowelS), formantsHz: vowel, f0Hz: f0, voiced: 1})
			if r.intn(4) == 0 {
				push(segment{kind: nasalSeg, length: samples(0.06), formantsHz: [3]float64{250, 1100, 2300}, f0Hz: f0, voiced: 0.4})
			}
		}
		push(segment{kind: pauseSeg, length: samples(0.25 + 0.45*r.float()), formantsHz: vowelFormantsHz()[0], f0Hz: f0End})
	}
	return segs
}

// resonator is a two-pole formant filter with unity gain at 0 Hz (Klatt 1980).
type resonator struct {
	a, b, c float64
	y1, y2  float64
}

func (r *resonator) tune(freqHz, bandwidthHz float64, rateHz int) {
	t := 1 / float64(rateHz)
	r.c = -math.Exp(-2 * math.Pi * bandwidthHz * t)
	r.b = 2 * math.Exp(-math.Pi*bandwidthHz*t) * math.Cos(2*math.Pi*freqHz*t)
	r.a = 1 - r.b - r.c
}

func (r *resonator) step(x float64) float64 {
	y := r.a*x + r.b*r.y1 + r.c*r.y2
	r.y2, r.y1 = r.y1, y
	return y
}

// speaker renders a speech segment plan sample by sample.
type speaker struct {
	rateHz     int
	segs       []segment
	seg, inSeg int
	noise      rng

	glottalPhase, lastPulse float64
	lastHiss                float64
	jitter                  float64
	formantHz               [3]float64
	f0Hz, voiced, noiseAmp  float64
	cascade                 [5]resonator // F1–F3 moving, F4 and F5 fixed
	frication               resonator
	retune                  int
}

const retuneEvery = 16 // samples between filter coefficient updates

func newSpeaker(r *rng, rateHz, total int) *speaker {
	segs := composeSpeech(r, rateHz, total)
	sp := &speaker{rateHz: rateHz, segs: segs, noise: rng{state: r.next()}, f0Hz: segs[0].f0Hz, formantHz: segs[0].formantsHz}
	sp.tuneFilters(segs[0])
	return sp
}

// glottalPulse is Rosenberg's glottal flow over one period (phase 0..1):
// opening over 40 %, closing faster over 16 %, closed for the rest.
func glottalPulse(phase float64) float64 {
	switch {
	case phase < 0.4:
		return 0.5 * (1 - math.Cos(math.Pi*phase/0.4))
	case phase < 0.56:
		return math.Cos(math.Pi / 2 * (phase - 0.4) / 0.16)
	}
	return 0
}

func (sp *speaker) tuneFilters(target segment) {
	nyquistHz := 0.45 * float64(sp.rateHz)
	bandwidthsHz := [5]float64{90, 110, 140, 200, 250}
	freqsHz := [5]float64{sp.formantHz[0], sp.formantHz[1], sp.formantHz[2], 3500, 4500}
	for i := range sp.cascade {
		f := min(freqsHz[i], nyquistHz)
		if freqsHz[i] >= nyquistHz {
			sp.cascade[i] = resonator{a: 1} // above Nyquist: pass through
			continue
		}
		y1, y2 := sp.cascade[i].y1, sp.cascade[i].y2
		sp.cascade[i].tune(f, bandwidthsHz[i], sp.rateHz)
		sp.cascade[i].y1, sp.cascade[i].y2 = y1, y2
	}
	if target.noise == 0 {
		return // keep the last consonant's colour while its noise dies away
	}
	centreHz := min(target.noiseHz, nyquistHz*0.9)
	y1, y2 := sp.frication.y1, sp.frication.y2
	sp.frication.tune(max(centreHz, 200), max(centreHz/3, 100), sp.rateHz)
	sp.frication.y1, sp.frication.y2 = y1, y2
}

func (sp *speaker) fill(dst []float32) {
	rate := float64(sp.rateHz)
	glide := 1 - math.Exp(-1/(0.025*rate)) // coarticulation: 25 ms towards each target
	pitchGlide := 1 - math.Exp(-1/(0.06*rate))
	voiceGlide := 1 - math.Exp(-1/(0.012*rate))
	noiseGlide := 1 - math.Exp(-1/(0.004*rate))
	for i := range dst {
		if sp.seg >= len(sp.segs) {
			dst[i] = 0
			continue
		}
		target := sp.segs[sp.seg]
		for k := range sp.formantHz {
			sp.formantHz[k] += (target.formantsHz[k] - sp.formantHz[k]) * glide
		}
		sp.f0Hz += (target.f0Hz - sp.f0Hz) * pitchGlide
		sp.voiced += (target.voiced - sp.voiced) * voiceGlide
		noiseTarget := target.noise
		if target.kind == stopSeg && sp.inSeg < target.length*3/4 {
			noiseTarget = 0 // the closure: silence before the burst
		}
		sp.noiseAmp += (noiseTarget - sp.noiseAmp) * noiseGlide
		if sp.retune--; sp.retune <= 0 {
			sp.tuneFilters(target)
			sp.retune = retuneEvery
		}

		sp.glottalPhase += sp.f0Hz * (1 + sp.jitter) / rate
		if sp.glottalPhase >= 1 {
			sp.glottalPhase -= 1
			sp.jitter = 0.01 * (sp.noise.float()*2 - 1) // 1 % period jitter: a human, not a buzzer
		}
		pulse := glottalPulse(sp.glottalPhase)
		// The flow's derivative is what radiates from the lips; scaling by
		// the rate keeps the level the same at every sample rate.
		// The cascade has unity gain at 0 Hz, so a low F1 (i, u) would ring
		// louder than an open a; open vowels are the loud ones in speech.
		openness := sp.formantHz[0] / 730 // relative to a
		source := (pulse - sp.lastPulse) * rate / 44100 * 20 * sp.voiced * openness
		sp.lastPulse = pulse
		source += 0.02 * sp.voiced * float64(sp.noise.noise()) // breath
		y := source
		for k := range sp.cascade {
			y = sp.cascade[k].step(y)
		}
		// Differenced noise has no rumble: the resonator has unity gain at
		// 0 Hz, and a hiss should not carry any.
		hiss := float64(sp.noise.noise())
		y += sp.frication.step((hiss-sp.lastHiss)*sp.noiseAmp) * 0.5
		sp.lastHiss = hiss
		dst[i] = float32(y)

		if sp.inSeg++; sp.inSeg >= target.length {
			sp.seg++
			sp.inSeg = 0
		}
	}
}
