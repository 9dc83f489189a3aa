package game

import "sync"

// clocked is a sound source that is also a model's clock: reading its sound
// advances it, and Advance moves it on when nobody listens. The turntable
// and the lathe are both.
type clocked interface {
	Read(dst []float32) (int, error)
	Advance(samples int)
}

// speaker is what the one audio player reads: the turntable, or the lathe
// while a live cut is monitored. Switching is a pointer swap under a lock,
// so the player is never closed and reopened (which would click and, in a
// browser, lose the unlocked audio).
type speaker struct {
	mu  sync.Mutex
	src clocked
}

// use makes src what is heard (nil: silence).
func (s *speaker) use(src clocked) {
	s.mu.Lock()
	s.src = src
	s.mu.Unlock()
}

func (s *speaker) current() clocked {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.src
}

// Read implements MonoSource for the audio player; it never ends.
func (s *speaker) Read(dst []float32) (int, error) {
	if src := s.current(); src != nil {
		return src.Read(dst)
	}
	clear(dst)
	return len(dst), nil
}

// advance runs the current source's clock when the audio device is not
// reading it (no device, or a browser before the first tap).
func (s *speaker) advance(samples int) {
	if src := s.current(); src != nil {
		src.Advance(samples)
	}
}
