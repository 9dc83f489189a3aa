package game

import (
	"io"
	"io/fs"

	"github.com/hajimehoshi/ebiten/v2"
	"github.com/hajimehoshi/ebiten/v2/inpututil"
)

// inputReader turns Ebiten's devices into one Input per tick. It remembers
// where each pointer went down, so a drag knows its start.
type inputReader struct {
	from    map[int]Point
	touches []ebiten.TouchID
	taps    tapQueue    // platform: taps that must not be lost (see taps_*.go)
	files   chan []File // dropped files, read off the game's goroutine
}

const mouseID = -1

func newInputReader() *inputReader {
	return &inputReader{from: map[int]Point{}, files: make(chan []File, 4)}
}

// read builds this tick's Input. scale converts the platform's tap positions
// (CSS pixels in a browser) to screen pixels.
func (r *inputReader) read(scale float64) *Input {
	in := &Input{Taps: r.taps.drain(scale)}
	// Pointers held, and those let go this tick.
	if ebiten.IsMouseButtonPressed(ebiten.MouseButtonLeft) {
		x, y := ebiten.CursorPosition()
		r.hold(in, mouseID, Point{float64(x), float64(y)})
	} else if inpututil.IsMouseButtonJustReleased(ebiten.MouseButtonLeft) {
		x, y := ebiten.CursorPosition()
		r.release(in, mouseID, Point{float64(x), float64(y)})
	}
	r.touches = ebiten.AppendTouchIDs(r.touches[:0])
	for _, id := range r.touches {
		x, y := ebiten.TouchPosition(id)
		r.hold(in, int(id), Point{float64(x), float64(y)})
	}
	for _, id := range inpututil.AppendJustReleasedTouchIDs(nil) {
		x, y := inpututil.TouchPositionInPreviousTick(id)
		r.release(in, int(id), Point{float64(x), float64(y)})
	}
	shift := ebiten.IsKeyPressed(ebiten.KeyShift)
	in.Next = inpututil.IsKeyJustPressed(ebiten.KeyTab) && !shift || inpututil.IsKeyJustPressed(ebiten.KeyArrowDown)
	in.Prev = inpututil.IsKeyJustPressed(ebiten.KeyTab) && shift || inpututil.IsKeyJustPressed(ebiten.KeyArrowUp)
	in.OK = inpututil.IsKeyJustReleased(ebiten.KeyEnter) || inpututil.IsKeyJustReleased(ebiten.KeyNumpadEnter)
	in.Back = inpututil.IsKeyJustPressed(ebiten.KeyEscape) || inpututil.IsKeyJustPressed(ebiten.KeyBackspace)
	in.Chars = ebiten.AppendInputChars(nil)
	in.Erase = repeating(ebiten.KeyBackspace)
	k := &in.Keys
	k.Space = inpututil.IsKeyJustReleased(ebiten.KeySpace)
	k.Left, k.Right = ebiten.IsKeyPressed(ebiten.KeyArrowLeft), ebiten.IsKeyPressed(ebiten.KeyArrowRight)
	k.LeftStep, k.RightStep = repeating(ebiten.KeyArrowLeft), repeating(ebiten.KeyArrowRight)
	k.Grab = ebiten.IsKeyPressed(ebiten.KeyG)
	k.Record = inpututil.IsKeyJustPressed(ebiten.KeyR)
	k.Cut = inpututil.IsKeyJustPressed(ebiten.KeyC)
	k.Save = inpututil.IsKeyJustPressed(ebiten.KeyS)
	k.Lang = inpututil.IsKeyJustPressed(ebiten.KeyL)
	k.Help = inpututil.IsKeyJustPressed(ebiten.KeyH) || inpututil.IsKeyJustPressed(ebiten.KeySlash) && shift
	if dropped := ebiten.DroppedFiles(); dropped != nil {
		// A browser hands over a dropped file's bytes asynchronously, and a
		// large file takes a while: read it beside the game, not in its tick.
		go func() { r.files <- readDropped(dropped) }()
	}
	select {
	case in.Files = <-r.files:
	default:
	}
	return in
}

// repeating is a key just pressed, or held past half a second and then
// every 50 ms, as a text field repeats a key.
func repeating(k ebiten.Key) bool {
	d := inpututil.KeyPressDuration(k)
	return d == 1 || d > 30 && d%3 == 0
}

func (r *inputReader) hold(in *Input, id int, at Point) {
	from, ok := r.from[id]
	if !ok {
		from = at
		r.from[id] = at
	}
	in.Drags = append(in.Drags, Drag{ID: id, From: from, At: at})
}

func (r *inputReader) release(in *Input, id int, at Point) {
	from, ok := r.from[id]
	if !ok {
		from = at
	}
	delete(r.from, id)
	in.Drags = append(in.Drags, Drag{ID: id, From: from, At: at, Released: true})
	if !r.taps.platformTaps() {
		in.Taps = append(in.Taps, at)
	}
}

// maxDropBytes bounds what one dropped file may take: a 3-minute side of
// 32-bit float stereo WAV at 96 kHz is about 140 MB.
const maxDropBytes = 200 << 20

// readDropped reads the files dropped this tick (at most a few).
func readDropped(fsys fs.FS) []File {
	entries, err := fs.ReadDir(fsys, ".")
	if err != nil {
		return []File{{Err: err}}
	}
	var files []File
	for _, e := range entries {
		if e.IsDir() || len(files) == 4 {
			continue
		}
		f := File{Name: e.Name()}
		r, err := fsys.Open(e.Name())
		if err == nil {
			f.Data, err = io.ReadAll(io.LimitReader(r, maxDropBytes+1))
			r.Close()
			if err == nil && len(f.Data) > maxDropBytes {
				err = errTooBig
			}
		}
		f.Err = err
		files = append(files, f)
	}
	return files
}
