//go:build !js

package game

// A replayed session: steps of "when the app's state shows this, press
// that", fed to the app through Options.Driver as taps on the buttons it
// publishes — the same input layer a visitor's hand goes through.

// step waits until ready holds, then taps the control id ("" taps nothing).
type step struct {
	what  string
	ready func(State) bool
	id    string
}

// script drives the app through steps and quits after the last one.
type script struct {
	steps []step
	at    int
	wait  int // ticks to let pass between taps: a hand is not instant
	log   []string
}

func (s *script) drive(st State) *Input {
	if s.wait > 0 {
		s.wait--
		return nil
	}
	if s.at == len(s.steps) {
		return &Input{Quit: true}
	}
	cur := s.steps[s.at]
	if cur.ready != nil && !cur.ready(st) {
		return nil
	}
	if cur.id == "" {
		s.at++
		s.log = append(s.log, cur.what)
		return nil
	}
	for _, b := range st.Buttons {
		if b.ID == cur.id {
			s.at++
			s.wait = 6
			s.log = append(s.log, cur.what)
			return &Input{Taps: []Point{{(b.X + b.W/2) * st.Scale, (b.Y + b.H/2) * st.Scale}}}
		}
	}
	return nil // not on screen yet: try again next tick
}

// current names the step waited for.
func (s *script) current() string {
	if s.at < len(s.steps) {
		return s.steps[s.at].what
	}
	return "done"
}

func hasButton(id string) func(State) bool {
	return func(st State) bool {
		for _, b := range st.Buttons {
			if b.ID == id {
				return true
			}
		}
		return false
	}
}
