package game

// Input is what the visitor did in one tick, as named actions. It is built
// once per tick (readInput, from Ebiten) and handed to the scene, so scenes
// never read devices themselves: tests and replays make Input values by hand.
type Input struct {
	Taps  []Point // a click, touch or pen released this tick, screen pixels
	Drags []Drag  // pointers held down (or let go this tick)
	Next  bool    // Tab or the down arrow: focus the next control
	Prev  bool    // Shift+Tab or the up arrow
	OK    bool    // Enter (or Space on a focused control): press the focused control
	Back  bool    // Escape or Backspace
	Quit  bool    // leave the app (a replayed session's end)
	Files []File  // files dropped on the window or canvas
	Keys  Keys    // the keyboard's shortcuts
	Chars []rune  // text typed this tick (a title being renamed)
	Erase bool    // Backspace pressed or repeating: erase a typed character
}

// Keys are the keyboard's shortcuts this tick, as actions.
type Keys struct {
	Space               bool // Space released: presses a focused control, else play/pause
	PlayPause           bool // Space with no control focused (set by the game)
	Left, Right         bool // the arrows held (they turn a grabbed platter)
	LeftStep, RightStep bool // the arrows pressed, or repeating while held (they move the arm)
	Grab                bool // G held: a hand on the platter
	Record, Cut, Save   bool // R, C, S
	Lang, Help          bool // L, ? (or H)
}

// or is every key held or pressed in k or o (a replayed session's keys
// join the devices').
func (k Keys) or(o Keys) Keys {
	return Keys{
		Space: k.Space || o.Space, PlayPause: k.PlayPause || o.PlayPause,
		Left: k.Left || o.Left, Right: k.Right || o.Right, LeftStep: k.LeftStep || o.LeftStep, RightStep: k.RightStep || o.RightStep,
		Grab: k.Grab || o.Grab, Record: k.Record || o.Record, Cut: k.Cut || o.Cut, Save: k.Save || o.Save,
		Lang: k.Lang || o.Lang, Help: k.Help || o.Help,
	}
}

// resolveSpace makes Space press the focused control when the visitor is
// moving through the controls with the keyboard, and play or pause
// otherwise.
func (in *Input) resolveSpace(focused bool) {
	if !in.Keys.Space {
		return
	}
	if focused {
		in.OK = true
	} else {
		in.Keys.PlayPause = true
	}
}

// Point is a position on the screen, in the screen's pixels.
type Point struct{ X, Y float64 }

// Drag is one pointer held on the screen. ID tells pointers apart (the mouse
// is -1, touches their own ids) so two fingers never swap drags.
type Drag struct {
	ID       int
	From, At Point
	Released bool // let go this tick: At is where
}

// File is a dropped or picked file.
type File struct {
	Name string
	Data []byte
	Err  error // the file could not be read
}

// Gesture reports whether the visitor did anything this tick that counts as
// a tap: the gesture that also unlocks a browser's audio.
func (in *Input) Gesture() bool { return len(in.Taps) > 0 || in.OK || in.Keys.Space }

// TappedIn reports whether a tap landed inside r.
func (in *Input) TappedIn(r Rect) bool {
	for _, p := range in.Taps {
		if r.Contains(p) {
			return true
		}
	}
	return false
}

// Rect is a screen rectangle: X, Y its top-left corner, W, H its size.
type Rect struct{ X, Y, W, H float64 }

// Contains reports whether p is inside r.
func (r Rect) Contains(p Point) bool {
	return p.X >= r.X && p.X < r.X+r.W && p.Y >= r.Y && p.Y < r.Y+r.H
}

// Inset is r shrunk by d on every side.
func (r Rect) Inset(d float64) Rect { return Rect{r.X + d, r.Y + d, r.W - 2*d, r.H - 2*d} }

// Center is the middle of r.
func (r Rect) Center() Point { return Point{r.X + r.W/2, r.Y + r.H/2} }
