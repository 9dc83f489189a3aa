package turntable

import (
	"errors"
	"math"
	"sync"

	"bonemusic/engine"
)

// Lathe is the recording lathe, cutting in real time as the X-Ray Audio
// shows do: the sound goes to the cutter head and to the monitor speaker at
// once, and the cutter travels from the rim inwards as the platter turns.
// Like the turntable, its clock is the samples it has run for, advanced by
// the audio stream (Read) or, with nobody listening, by the game (Advance).
type Lathe struct {
	mu     sync.Mutex
	params engine.Params
	cutter *engine.Cutter
	src    []float32 // the recording at Rate
	pos    int       // samples cut
	err    error
}

// NewLathe prepares to cut src (mono at Rate) onto a disc of params p.
func NewLathe(p engine.Params, src []float32) (*Lathe, error) {
	c, err := engine.NewCutter(p, engine.CutOptions{})
	if err != nil {
		return nil, err
	}
	if float64(len(src))/Rate > c.MaxSeconds() {
		src = src[:int(c.MaxSeconds()*Rate)]
	}
	return &Lathe{params: p, cutter: c, src: src}, nil
}

// Read is the monitor: the sound being cut. After the end it is silence.
func (l *Lathe) Read(dst []float32) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	n := l.cut(len(dst))
	copy(dst, l.src[l.pos-n:l.pos])
	clear(dst[n:])
	return len(dst), nil
}

// Advance cuts samples more without a monitor.
func (l *Lathe) Advance(samples int) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.cut(samples)
}

// cut feeds up to n samples to the cutter and returns how many it took.
// The last one does not finish the disc: that takes a while, and the
// caller does it beside the audio (Finish).
func (l *Lathe) cut(n int) int {
	if l.err != nil {
		return 0
	}
	n = min(n, len(l.src)-l.pos)
	if n == 0 {
		return 0 // all written: the cutter may be finishing the disc
	}
	if err := l.cutter.Write(l.src[l.pos : l.pos+n]); err != nil {
		l.err = err
		return 0
	}
	l.pos += n
	return n
}

// Finish makes the disc once all the sound is cut (Now().Written),
// reporting progress as it goes. It may be called once.
func (l *Lathe) Finish(progress func(float64)) (*engine.Disc, error) {
	l.mu.Lock()
	err, written := l.err, l.pos == len(l.src)
	l.mu.Unlock()
	if err != nil {
		return nil, err
	}
	if !written {
		return nil, errors.New("lathe: the sound is not all cut yet")
	}
	// Without the lock: nothing else touches the cutter once all is written,
	// and the game reads Now while the disc is finished.
	return l.cutter.FinishProgress(progress)
}

// Cutting is where the lathe is: how much is cut, where the cutter head is
// (mm from the centre), how far the platter has turned.
type Cutting struct {
	Fraction float64 // 0–1 of the recording
	CutSec   float64
	RadiusMM float64
	AngleRad float64
	Written  bool // all the sound is in the groove: Finish makes the disc
	Err      error
}

// Now reads the lathe's state.
func (l *Lathe) Now() Cutting {
	l.mu.Lock()
	defer l.mu.Unlock()
	return cuttingAt(l.params, l.pos, len(l.src), l.err)
}

// cuttingAt is the lathe's state after cut of total samples: the cutter
// head moves one pitch inwards per turn from the programme's start radius.
func cuttingAt(p engine.Params, cut, total int, err error) Cutting {
	turns := float64(cut) / Rate * p.RPM / 60
	c := Cutting{
		CutSec:   float64(cut) / Rate,
		RadiusMM: p.StartRadiusMM - turns*p.PitchMM(),
		AngleRad: 2 * math.Pi * turns,
		Written:  cut == total,
		Err:      err,
	}
	if total > 0 {
		c.Fraction = float64(cut) / float64(total)
	}
	return c
}

// CutFast runs l to the end as fast as the machine allows, in chunks, and
// finishes the disc, reporting progress (which may also pause for a browser
// page) as it goes: the cutting, then finishing the disc.
func CutFast(l *Lathe, progress func(Cutting)) (*engine.Disc, error) {
	if progress == nil {
		progress = func(Cutting) {}
	}
	const chunk = 4096
	for {
		l.Advance(chunk)
		now := l.Now()
		if now.Err != nil {
			return nil, now.Err
		}
		progress(now)
		if now.Written {
			return l.Finish(func(float64) { progress(now) })
		}
	}
}
