package synth

import "math"

// instrument selects how a note is rendered.
type instrument uint8

const (
	piano instrument = iota // additive, inharmonic partials, each decaying at its own rate
	reed                    // accordion-like: two detuned additive reeds with tremolo (waltz melody)
	brass                   // FM with the index following the envelope: brighter when louder (march)
	tuba                    // FM, low index: the march's bass
	snare                   // noise burst plus a short drum-head tone
	kick                    // bass drum: a sine sweeping down
)

// note is one event of a score. Times are in samples.
type note struct {
	start, length int // length runs until note-off; the release follows
	freqHz        float64
	velocity      float32 // 0..1
	inst          instrument
}

const maxPartials = 10

// voice renders one sounding note. It is additive (up to maxPartials
// table-sine partials with per-partial exponential decay) for piano and reed,
// two-operator FM for brass and tuba, and noise for the drums.
type voice struct {
	inst    instrument
	partial [maxPartials]partialOsc
	n       int // partials in use

	modPhase, modStep uint32  // FM modulator
	indexPeak         float32 // FM index at full envelope
	lfoPhase, lfoStep uint32  // tremolo
	sweepHz, endHz    float64 // kick pitch sweep
	sweepMul          float64
	rateHz            int
	noise             rng
	hpState, hpPrev   float32 // snare high-pass memory

	env                       adsr
	age, offAt, life          int
	velocity, releaseMul, rel float32
}

type partialOsc struct {
	phase, step uint32
	amp, decay  float32 // decay is a per-sample multiplier
}

// adsr is an attack-decay-sustain envelope in samples; release is applied
// by voice.releaseMul after note-off.
type adsr struct {
	attack, decay int
	sustain       float32
}

func (e adsr) level(age int) float32 {
	switch {
	case age < e.attack:
		return float32(age) / float32(e.attack)
	case age < e.attack+e.decay:
		t := float32(age-e.attack) / float32(e.decay)
		return 1 - (1-e.sustain)*t
	}
	return e.sustain
}

// samplesFor converts seconds to samples, at least one.
func samplesFor(s float64, rateHz int) int { return max(1, int(s*float64(rateHz))) }

// perSample converts a time constant in seconds to a per-sample decay factor.
func perSample(tauS float64, rateHz int) float32 {
	return float32(math.Exp(-1 / (tauS * float64(rateHz))))
}

func newVoice(n note, rateHz int, seed uint64) voice {
	v := voice{inst: n.inst, offAt: n.length, velocity: n.velocity, rateHz: rateHz, rel: 1, noise: rng{state: seed}}
	nyquistHz := 0.45 * float64(rateHz)
	add := func(freqHz float64, amp float32, tauS float64) {
		if freqHz >= nyquistHz || v.n == maxPartials {
			return
		}
		v.partial[v.n] = partialOsc{step: phaseStep(freqHz, rateHz), amp: amp, decay: perSample(tauS, rateHz)}
		v.n++
	}
	switch n.inst {
	case piano:
		// A struck string: slightly sharp upper partials (inharmonicity
		// B ≈ 4e-4, mid-range piano), treble fading first, low notes ringing
		// longer, harder blows brighter.
		const inharmonicity = 4e-4
		tau1 := 1.8 * math.Sqrt(261.6/n.freqHz)
		bright := 0.6 + 0.8*float64(n.velocity)
		for k := 1.0; k <= 8; k++ {
			f := n.freqHz * k * math.Sqrt(1+inharmonicity*k*k)
			add(f, float32(math.Pow(k, -1.6+0.6*bright)), tau1/(1+0.7*(k-1)))
		}
		add(n.freqHz*1.0009, 0.35, tau1*1.3) // second string, slightly detuned: the beating of a real unison
		v.env = adsr{attack: samplesFor(0.002, rateHz), sustain: 1}
		v.releaseMul = perSample(0.035, rateHz) // felt damper: a staccato note stops in a fifth of a second
	case reed:
		for k := 1.0; k <= 6; k++ {
			add(n.freqHz*k, float32(0.8/k), 1e3)
		}
		for k := 1.0; k <= 3; k++ {
			add(n.freqHz*k*1.0035, float32(0.5/k), 1e3) // the musette's second, detuned reed
		}
		v.env = adsr{attack: samplesFor(0.04, rateHz), decay: samplesFor(0.15, rateHz), sustain: 0.8}
		v.releaseMul = perSample(0.05, rateHz)
		v.lfoStep = phaseStep(5.5, rateHz)
	case brass, tuba:
		add(n.freqHz, 1, 1e3)
		v.modStep = phaseStep(n.freqHz, rateHz)
		if n.inst == brass {
			v.indexPeak = 1.5 + 2.5*n.velocity
			v.env = adsr{attack: samplesFor(0.03, rateHz), decay: samplesFor(0.12, rateHz), sustain: 0.75}
		} else {
			v.indexPeak = 1.2
			v.env = adsr{attack: samplesFor(0.035, rateHz), decay: samplesFor(0.2, rateHz), sustain: 0.6}
		}
		v.releaseMul = perSample(0.05, rateHz)
	case snare:
		add(185, 0.6, 0.04)
		add(330, 0.3, 0.03)
		v.env = adsr{attack: 1, sustain: 1}
		v.releaseMul = perSample(0.1, rateHz)
		v.offAt = 0 // the noise decays from the stroke on
	case kick:
		v.sweepHz, v.endHz = 110, 48
		v.sweepMul = math.Exp(-1 / (0.04 * float64(rateHz)))
		add(v.sweepHz, 1, 0.3)
		v.env = adsr{attack: samplesFor(0.003, rateHz), sustain: 1}
		v.releaseMul = perSample(0.2, rateHz)
	}
	v.life = v.lifetime()
	return v
}

// silentAmp is the level (−60 dB) below which a voice is dropped;
// faintPartial (−80 dB) is where a single partial stops being computed.
const (
	silentAmp    = 1e-3
	faintPartial = 1e-4
)

// lifetime is how many samples the voice sounds: until the release after
// note-off has faded to silentAmp, or, for struck and plucked sounds, until
// every partial has. It is fixed when the note starts so a voice ends on the
// same sample whatever block sizes the caller reads in.
func (v *voice) lifetime() int {
	samplesToFade := func(amp, perSampleDecay float32) int {
		if amp <= silentAmp {
			return 0
		}
		if perSampleDecay >= 1 {
			return math.MaxInt32
		}
		return int(math.Log(float64(silentAmp/amp)) / math.Log(float64(perSampleDecay)))
	}
	life := v.offAt + min(samplesToFade(1, v.releaseMul), 10*v.rateHz)
	if v.inst == piano || v.inst == kick {
		ring := 0
		for _, p := range v.partial[:v.n] {
			ring = max(ring, samplesToFade(p.amp, p.decay))
		}
		life = min(life, ring)
	}
	return life
}

// done reports whether the voice has died away.
func (v *voice) done() bool { return v.age >= v.life }

// render adds the voice into dst and advances it. The instrument switch sits
// outside the sample loops: a chord keeps a dozen voices busy.
func (v *voice) render(dst []float32, sine *sineTable) {
	dst = dst[:max(0, min(len(dst), v.life-v.age))]
	switch v.inst {
	case piano, reed, snare:
		v.renderAdditive(dst, sine)
	case brass, tuba:
		v.renderFM(dst, sine)
	case kick:
		v.renderKick(dst, sine)
	}
}

// envelope returns the next envelope value and ages the voice by a sample.
func (v *voice) envelope() float32 {
	if v.age >= v.offAt {
		v.rel *= v.releaseMul
	}
	e := v.env.level(v.age) * v.rel * v.velocity
	v.age++
	return e
}

func (v *voice) renderAdditive(dst []float32, sine *sineTable) {
	partials := v.partial[:v.n]
	for i := range dst {
		env := v.envelope()
		var s float32
		for k := range partials {
			p := &partials[k]
			if p.amp < faintPartial {
				continue // died away: amplitudes only fall, so it stays silent
			}
			s += p.amp * sine.at(p.phase)
			p.phase += p.step
			p.amp *= p.decay
		}
		switch v.inst {
		case reed:
			s *= 1 + 0.12*sine.at(v.lfoPhase)
			v.lfoPhase += v.lfoStep
		case snare:
			// White noise through a first-order high-pass leaves the
			// rattle of the snares; the partials are the drum head.
			x := v.noise.noise()
			v.hpState = 0.8 * (v.hpState + x - v.hpPrev)
			v.hpPrev = x
			s += 0.7 * v.hpState
		}
		dst[i] += s * env
	}
}

func (v *voice) renderFM(dst []float32, sine *sineTable) {
	p := &v.partial[0]
	shape := v.indexPeak / max(v.velocity, 0.05) / (2 * math.Pi)
	for i := range dst {
		env := v.envelope()
		mod := sine.at(v.modPhase) * env * shape // brighter as it swells
		dst[i] += env * sine.at(p.phase+phaseOffset(float64(mod)))
		p.phase += p.step
		v.modPhase += v.modStep
	}
}

func (v *voice) renderKick(dst []float32, sine *sineTable) {
	p := &v.partial[0]
	for i := range dst {
		env := v.envelope()
		dst[i] += env * p.amp * sine.at(p.phase)
		p.phase += phaseStep(v.sweepHz, v.rateHz)
		p.amp *= p.decay
		v.sweepHz = v.endHz + (v.sweepHz-v.endHz)*v.sweepMul
	}
}
