package game

import (
	"encoding/binary"
	"io"
	"math"

	"github.com/hajimehoshi/ebiten/v2/audio"
)

// sampleRate is the output rate; it equals the engine's rate so the groove
// engine's samples go to the speaker without resampling.
const sampleRate = 44100

// MonoSource is anything the game can play: the engine's stylus, a synth.
type MonoSource interface {
	Read(dst []float32) (int, error)
}

// sound owns the audio device. The device is opened only after the probe
// says it works (see audioprobe_desktop.go), and playback starts only after
// the visitor's first gesture, which browsers require anyway.
type sound struct {
	probe  <-chan error
	ctx    *audio.Context
	player *audio.Player
	failed string // why there is no sound, for the notice
}

func newSound() *sound { return &sound{probe: probeAudio()} }

// update polls the probe and opens the Ebiten audio context once it passed.
// Called every tick; it never blocks.
func (s *sound) update() {
	if s.probe == nil {
		return
	}
	select {
	case err := <-s.probe:
		s.probe = nil
		if err != nil {
			s.failed = err.Error()
			return
		}
		s.ctx = audio.NewContext(sampleRate)
	default:
	}
}

// ready reports whether sound can be heard now (device open and, in a
// browser, unlocked by a gesture).
func (s *sound) ready() bool { return s.ctx != nil && s.ctx.IsReady() }

// available is false when the device is known to be missing.
func (s *sound) available() bool { return s.failed == "" }

// start opens the one player the app has, reading src for as long as the
// app runs; it does nothing once the player is open. One player for the
// whole visit: closing and reopening would click, and a browser could take
// its unlocked audio back.
func (s *sound) start(src MonoSource) {
	if s.ctx == nil || s.player != nil || s.failed != "" {
		return
	}
	p, err := s.ctx.NewPlayerF32(&stereoF32{src: src})
	if err != nil {
		s.failed = err.Error()
		return
	}
	p.SetBufferSize(playerBuffer)
	p.Play()
	s.player = p
}

func (s *sound) playing() bool { return s.player != nil && s.player.IsPlaying() }

func (s *sound) positionMS() float64 {
	if s.player == nil {
		return 0
	}
	return float64(s.player.Position().Microseconds()) / 1000
}

// stereoF32 turns a mono float32 source into the interleaved little-endian
// float32 stereo bytes audio.Context.NewPlayerF32 reads. Ebiten reads it on
// its own goroutine: a source the game also touches must lock itself.
type stereoF32 struct {
	src MonoSource
	buf []float32
}

func (s *stereoF32) Read(p []byte) (int, error) {
	frames := len(p) / 8
	if frames == 0 {
		return 0, nil
	}
	if cap(s.buf) < frames {
		s.buf = make([]float32, frames)
	}
	n, err := s.src.Read(s.buf[:frames])
	for i, v := range s.buf[:n] {
		bits := math.Float32bits(clampSample(v))
		binary.LittleEndian.PutUint32(p[8*i:], bits)
		binary.LittleEndian.PutUint32(p[8*i+4:], bits)
	}
	if n == 0 && err == nil {
		err = io.EOF // a source that gives nothing has ended
	}
	return 8 * n, err
}

// clampSample keeps the speaker safe from NaN and overload.
func clampSample(v float32) float32 {
	switch {
	case v != v:
		return 0
	case v > 1:
		return 1
	case v < -1:
		return -1
	}
	return v
}
