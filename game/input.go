package game

// Input is what the visitor did in one tick, as named actions. It is built
// once per tick (readInput, from Ebiten) and handed to the scene, so scenes
// never read devices themselves: tests and replays make Input values by hand.
type Input struct {
	Taps  []Point // a click, touch or pen released this tick, screen pixels
	Drags []Drag  // pointers held down (or let go this tick)
	Next  bool    // Tab or an arrow key: focus the next control
	Prev  bool    // Shift+Tab or the opposite arrow
	OK    bool    // Enter or Space released: press the focused control
	Back  bool    // Escape or Backspace
	Quit  bool    // leave the app (a replayed session's end)
	Files []File  // files dropped on the window or canvas
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
func (in *Input) Gesture() bool { return len(in.Taps) > 0 || in.OK }

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
