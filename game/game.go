// Package game is Bone Music's Ebiten front end: the lightbox, the turning
// X-ray record, the tap that starts the sound. It holds no physics: what is
// heard comes from the engine, what is seen of the record from render.
package game

import (
	"errors"
	"math"

	"github.com/hajimehoshi/ebiten/v2"
	"github.com/hajimehoshi/ebiten/v2/inpututil"
)

// Options configure one run of the app.
type Options struct {
	Lang     string // "en" or "ru"; "" picks the visitor's language
	MaxTicks int64  // stop after this many updates (tests); 0 runs until closed
	// AutoStart plays the record without waiting for a tap: for kiosks,
	// whose sound needs no unlocking, and for tests that cannot tap.
	AutoStart bool
}

// errStop ends RunGame after Options.MaxTicks.
var errStop = errors.New("game: tick limit reached")

// Game is the ebiten.Game of Bone Music.
type Game struct {
	opt       Options
	text      text
	state     State
	pub       *publisher
	sound     *sound
	view      *view
	deck      *deck
	started   bool  // the visitor has tapped: the record plays
	startTick int64 // the tick of that tap
	wantPlay  bool  // started but audio not yet unlocked: play as soon as it is
}

// New prepares the app; the record is made in the background so the first
// frame comes at once.
func New(opt Options) *Game {
	locale := opt.Lang
	if locale == "" {
		locale = preferredLang()
	}
	lang := langFor(locale) // anything we have no text for is English
	g := &Game{opt: opt, text: texts[lang], pub: newPublisher(), sound: newSound(), deck: newDeck()}
	g.state.Lang = lang
	g.state.Scene = "intro"
	g.view = newView(g.text)
	if opt.AutoStart {
		g.start()
	}
	return g
}

// State is a copy of what the app publishes about itself.
func (g *Game) State() State { return g.state }

// Run opens the window (or the browser canvas) and runs until it closes.
func Run(opt Options) error {
	ebiten.SetWindowTitle("Bone Music")
	ebiten.SetWindowSize(1024, 768)
	ebiten.SetWindowResizingMode(ebiten.WindowResizingModeEnabled)
	ebiten.SetScreenClearedEveryFrame(false) // the room covers every pixel each frame
	// LayoutF renders at the canvas's own pixel size, so the final copy to
	// the canvas is 1:1 and needs no filtering (saves ~15 % of a frame on
	// software-rendered WebGL).
	ebiten.SetScreenFilterEnabled(false)
	_, err := RunGame(New(opt))
	return err
}

// RunGame runs g until its window closes or its tick limit, and returns
// its final state.
func RunGame(g *Game) (State, error) {
	err := ebiten.RunGame(g)
	if errors.Is(err, errStop) {
		err = nil
	}
	return g.state, err
}

func (g *Game) Update() error {
	g.state.Ticks++
	if g.opt.MaxTicks > 0 && g.state.Ticks > g.opt.MaxTicks {
		return errStop
	}
	g.sound.update()
	if g.state.Frames > 0 {
		g.deck.load()
	}
	g.deck.update()
	if tapped() {
		g.start()
	}
	// Browsers unlock audio on the release of the first tap; Ebiten reports
	// it a few ticks later, so keep asking instead of playing once and failing.
	if g.wantPlay && g.sound.ready() && g.deck.ready() {
		if err := g.sound.play(g.deck.source()); err != nil {
			g.sound.failed = err.Error()
		}
		g.wantPlay = false
	}
	if g.started {
		g.deck.turn(1 / float64(ebiten.TPS()))
	}
	g.refreshState()
	g.pub.publish(&g.state)
	return nil
}

// start leaves the intro: the record turns and plays as soon as it can.
func (g *Game) start() {
	g.started = true
	g.startTick = g.state.Ticks
	g.wantPlay = true
	g.state.Scene = "turntable"
}

func (g *Game) refreshState() {
	s := &g.state
	s.TPS = ebiten.ActualTPS()
	s.FPS = ebiten.ActualFPS()
	s.DiscAngleDeg = g.deck.angleRad * 180 / math.Pi
	s.TurnedSec = g.deck.turnedSec
	s.AudioReady = g.sound.ready()
	s.AudioPlaying = g.sound.playing()
	s.AudioMS = g.sound.positionMS()
	if g.deck.rec != nil {
		s.Plays, s.GrooveSample = g.deck.rec.needle.status()
	}
	switch {
	case g.deck.err != nil:
		s.Notice = g.text.RecordFailed + g.deck.err.Error()
	case !g.sound.available():
		s.Notice = g.text.NoSound
	case g.started && !g.sound.ready() && g.state.Ticks-g.startTick > 2*60:
		// Some browsers need a second gesture when the first was a drag.
		s.Notice = g.text.AudioLocked
	default:
		s.Notice = ""
	}
}

func (g *Game) Draw(screen *ebiten.Image) {
	g.state.Frames++
	g.view.draw(screen, g.deck, &g.state, !g.started)
}

// LayoutF renders at the device's real pixel density so the film's fine
// detail stays sharp on phones and projectors.
func (g *Game) LayoutF(outsideWidth, outsideHeight float64) (float64, float64) {
	s := ebiten.Monitor().DeviceScaleFactor()
	return outsideWidth * s, outsideHeight * s
}

// Layout is required by ebiten.Game; LayoutF takes precedence.
func (g *Game) Layout(outsideWidth, outsideHeight int) (int, int) {
	w, h := g.LayoutF(float64(outsideWidth), float64(outsideHeight))
	return int(w), int(h)
}

// tapped reports a click, touch or key released this tick: the gesture that
// also unlocks browser audio (Ebiten listens for mouseup, touchend, keyup).
func tapped() bool {
	if inpututil.IsMouseButtonJustReleased(ebiten.MouseButtonLeft) {
		return true
	}
	if len(inpututil.AppendJustReleasedTouchIDs(nil)) > 0 {
		return true
	}
	for _, k := range []ebiten.Key{ebiten.KeySpace, ebiten.KeyEnter} {
		if inpututil.IsKeyJustReleased(k) {
			return true
		}
	}
	return false
}
