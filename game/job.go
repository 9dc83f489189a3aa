package game

import (
	"math"
	"sync/atomic"

	"bonemusic/internal/breathe"
)

// job is work done beside the game — cutting, ageing, decoding, drawing —
// whose result the game polls each tick without ever waiting for it. The
// work reports its progress through the function it is given, which also
// lets a browser page breathe (see package breathe): long work must call it
// often.
type job[T any] struct {
	done     chan jobResult[T]
	progress atomic.Uint64 // float64 bits, 0–1
	result   *jobResult[T]
}

type jobResult[T any] struct {
	v   T
	err error
}

// startJob runs work in a goroutine.
func startJob[T any](work func(progress func(float64)) (T, error)) *job[T] {
	j := &job[T]{done: make(chan jobResult[T], 1)}
	go breathe.Do(func() {
		v, err := work(func(f float64) {
			j.progress.Store(math.Float64bits(math.Max(0, math.Min(1, f))))
			breathe.Point()
		})
		j.done <- jobResult[T]{v, err}
	})
	return j
}

// poll returns the result once the work is done; ok is false until then.
// A nil job is never done.
func (j *job[T]) poll() (v T, err error, ok bool) {
	if j == nil {
		return v, nil, false
	}
	if j.result == nil {
		select {
		case r := <-j.done:
			j.result = &r
		default:
			return v, nil, false
		}
	}
	return j.result.v, j.result.err, true
}

// fraction is the progress the work last reported, 0–1.
func (j *job[T]) fraction() float64 {
	if j == nil {
		return 0
	}
	return math.Float64frombits(j.progress.Load())
}
