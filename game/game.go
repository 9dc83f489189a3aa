// Package game is Bone Music's Ebiten front end: the lightbox with the demo
// record, and the visitor's own record — choose the film, bring a sound,
// watch the lathe cut it, play it and hear it wear. It holds no physics:
// what is heard comes from the engine, what is seen of the record from
// render. The turntable and lathe are plain models (game/turntable), the
// screens are scenes (scene.go), input arrives as named actions (input.go).
package game

import (
	"errors"
	"fmt"
	"math"

	"github.com/hajimehoshi/ebiten/v2"

	"bonemusic/engine"
	"bonemusic/game/turntable"
)

// Options configure one run of the app.
type Options struct {
	Lang     string // "en" or "ru"; "" picks the visitor's language
	MaxTicks int64  // stop after this many updates (tests); 0 runs until closed
	// AutoStart plays the record without waiting for a tap: for kiosks,
	// whose sound needs no unlocking, and for tests that cannot tap.
	AutoStart bool
	// Open is a file to open at start (bonemusic FILE): a sound to cut or a
	// .bone disc to play.
	Open string
	// Calm is the visitor's wish for reduced motion: no decorative
	// animations (the record still turns: it is the sound).
	Calm bool
	// Kiosk is a museum's unattended machine: no file dialogs, and back to
	// the lightbox and its attract loop after IdleTicks without a touch
	// (0: three minutes).
	Kiosk     bool
	IdleTicks int64
	// Driver, when set, adds input each tick from what the app published:
	// tests and replays press buttons by id, through the same input layer
	// the visitor uses.
	Driver func(State) *Input
	// embed is what an exhibition page's embed asked for (embed.go).
	embed embedChoices
}

// errStop ends RunGame after Options.MaxTicks.
var errStop = errors.New("game: tick limit reached")

// Game is the ebiten.Game of Bone Music. It only passes control: input to
// the scene, the scene's choice of the next scene, state to the page.
type Game struct {
	opt   Options
	a     *app
	v     *view
	scene scene
	state State
	pub   *publisher
	sound *sound
	input *inputReader
	host  hostQueue // commands from the page embedding the app
	// gestureAt is the tick of the visitor's first tap or key: a browser
	// unlocks audio with it, and says nothing when it does not.
	gestureAt int64
	lastInput int64                                  // the tick of the last touch or key (a kiosk's idle time)
	heard     struct{ notice, focus, latest string } // what a screen reader was last told (sayLatest)
}

// New prepares the app; the demo record is made in the background so the
// first frame comes at once.
func New(opt Options) *Game {
	pageOptions(&opt)
	embedOptions(&opt)
	locale := opt.Lang
	if locale == "" {
		locale = preferredLang()
	}
	lang := langFor(locale) // anything we have no text for is English
	g := &Game{opt: opt, a: newApp(lang), v: newView(), pub: newPublisher(), sound: newSound(), input: newInputReader()}
	g.scene = newLightbox(opt.AutoStart || opt.Kiosk)
	g.a.kiosk, g.a.calm, g.a.embed = opt.Kiosk, opt.Calm, opt.embed
	g.state.Lang = lang
	return g
}

// State is a copy of what the app publishes about itself.
func (g *Game) State() State { return g.state }

// Run opens the window (or the browser canvas) and runs until it closes.
func Run(opt Options) error {
	ebiten.SetWindowTitle("Bone Music")
	ebiten.SetWindowSize(1024, 768)
	ebiten.SetWindowResizingMode(ebiten.WindowResizingModeEnabled)
	if opt.Kiosk {
		ebiten.SetFullscreen(true) // a kiosk fills its screen (a browser page decides for itself)
	}
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
	a := g.a
	a.tick = g.state.Ticks
	g.sound.update()
	if g.sound.ready() {
		g.sound.start(a.speaker)
	} else {
		// Nobody listens yet: the models' one clock runs on the frame time.
		a.speaker.advance(int(math.Round(float64(engine.EngineRate) / float64(ebiten.TPS()))))
	}
	in := g.input.read(a.scale)
	if g.opt.Driver != nil {
		if d := g.opt.Driver(g.state); d != nil {
			in = merge(in, d)
		}
	}
	if in.Quit {
		return errStop
	}
	if g.gestureAt == 0 && in.Gesture() {
		g.gestureAt = a.tick
	}
	if g.opt.Open != "" && g.state.Frames > 0 {
		in.Files = append(in.Files, readFile(g.opt.Open))
		g.opt.Open = ""
	}
	typing := a.typing // a field took typed text last tick: keys are text
	a.typing = false
	if !typing {
		in.resolveSpace(a.ui.focusSet && a.ui.focus != "")
	}
	a.look.update(a.tt)
	a.ui.navigate(in) // on the controls the visitor saw last tick
	a.ui.begin()
	if g.state.Ticks == 1 {
		a.shelf.refresh() // the shelf's count is known from the start
	}
	g.scene = a.shelfTick(g.scene)
	g.idle(in)
	g.obey(g.host.drain(), in)
	if a.embed.minimal {
		in.Files = nil // a minimal embed shows the demo record only
	}
	if g.chrome(in) {
		in = &Input{} // the help is open: it takes the input
	}
	if next := openFiles(a, in, g.scene); next != nil {
		g.scene = next
	}
	if next := g.scene.update(a, in); next != g.scene {
		g.scene = next
		a.ui.focus = ""
		a.ui.begin()
		g.scene.update(a, &Input{}) // lay out the new scene's controls at once
	}
	g.refreshState()
	g.pub.publish(&g.state)
	return nil
}

// merge adds the driver's actions to the devices'.
func merge(in, d *Input) *Input {
	in.Taps = append(in.Taps, d.Taps...)
	in.Drags = append(in.Drags, d.Drags...)
	in.Files = append(in.Files, d.Files...)
	in.Next, in.Prev, in.OK, in.Back = in.Next || d.Next, in.Prev || d.Prev, in.OK || d.OK, in.Back || d.Back
	in.Quit = in.Quit || d.Quit
	in.Keys = in.Keys.or(d.Keys)
	in.Chars = append(in.Chars, d.Chars...)
	in.Erase = in.Erase || d.Erase
	return in
}

func (g *Game) refreshState() {
	a, s := g.a, &g.state
	now := a.tt.Now()
	s.TPS = ebiten.ActualTPS()
	s.FPS = ebiten.ActualFPS()
	s.Scene = g.scene.name().String()
	s.DiscAngleDeg = now.AngleRad * 180 / math.Pi
	s.TurnedSec = now.ClockSec
	s.PlatterRPM = now.RPM
	s.Collection = len(a.shelf.entries)
	s.Kiosk, s.Lang, s.Help = g.opt.Kiosk, a.lang, a.help
	s.AudioReady = g.sound.ready()
	s.AudioPlaying = g.sound.playing() && (a.speaker.current() != clocked(a.tt) || now.NeedleDown)
	s.AudioMS = g.sound.positionMS()
	s.Arm = now.Arm.String()
	s.ArmRadiusMM = now.ArmRadiusMM
	if now.HasDisc { // while a disc is off the platter (ageing) its count stands
		s.Plays, s.GrooveSample = now.Plays, now.Sample
	}
	s.Film, s.Source, s.Pickup, s.RPM = a.studio.film, a.studio.source, a.studio.pickup, a.studio.rpm
	s.FidelityDB, s.Skips = a.studio.lastPlay.FidelityDB, a.studio.lastPlay.Skips
	s.RecordedSec = float64(len(a.studio.sound)) / engine.EngineRate
	s.CapacitySec = a.studio.capacitySec()
	s.Busy, s.Exported = a.busy, a.exported
	s.Buttons = a.ui.published(s.Buttons, a.scale)
	s.Scale = a.scale
	s.CutProgress, s.AgeProgress = 0, 0
	s.Say, s.Calm = g.sceneSays(now), g.opt.Calm
	g.scene.publish(s)
	switch {
	case a.look.err != nil:
		s.Notice = a.text.RecordFailed + a.look.err.Error()
	case a.currentNotice() != "":
		s.Notice = a.notice
	case !g.sound.available():
		s.Notice = a.text.NoSound
	case g.gestureAt > 0 && !g.sound.ready() && a.tick-g.gestureAt > 2*60:
		// Some browsers need a second gesture when the first was a drag.
		s.Notice = a.text.AudioLocked
	default:
		s.Notice = ""
	}
	g.sayLatest(s)
}

// sayLatest picks what a screen reader hears: the latest of a new notice
// and the control the keyboard just moved to (its label: the buttons are
// drawn, so this is how they are heard), else what the screen shows.
func (g *Game) sayLatest(s *State) {
	a := g.a
	if s.Notice != g.heard.notice {
		g.heard.notice = s.Notice
		g.heard.latest = s.Notice
	}
	if f := a.ui.focus; a.ui.focusSet && f != g.heard.focus {
		g.heard.focus = f
		g.heard.latest = a.ui.labelOf(f)
	}
	if g.heard.latest != "" && (g.heard.latest == s.Notice || a.ui.focusSet) {
		s.Say = g.heard.latest
	}
}

// sceneSays is what the screen shows, in a sentence, for a screen reader.
func (g *Game) sceneSays(now turntable.Now) string {
	a := g.a
	t := a.text
	switch g.scene.name() {
	case sceneLightbox:
		return t.Tagline
	case sceneFilm:
		return t.FilmTitle
	case sceneSound:
		return t.SoundTitle
	case sceneCut:
		return t.CuttingFast
	case sceneTurntable:
		if lp := a.studio.lastPlay; now.Plays > 0 && lp.Pickup != "" {
			return fmt.Sprintf(t.Fidelity, now.Plays, lp.FidelityDB)
		}
		return t.Fresh
	case sceneShelf:
		return fmt.Sprintf(t.ShelfTitle, len(a.shelf.entries))
	}
	return "" // the scene says it itself (publish)
}

func (g *Game) Draw(screen *ebiten.Image) {
	g.state.Frames++
	g.v.frame = g.state.Frames
	g.v.background(screen)
	g.scene.draw(g.a, g.v, screen)
	m := metricsFor(g.a.w, g.a.h)
	g.v.controls(screen, &g.a.ui, m)
	if g.a.help {
		g.drawHelp(screen)
	}
	if n := g.state.Notice; n != "" {
		w := math.Min(m.w-2*m.pad, float64(m.px)*40)
		r := Rect{(m.w - w) / 2, m.h - float64(m.px)*5.5, w, 0}
		g.v.paragraph(screen, n, false, m.px, noticeColor, r, true)
	}
}

// LayoutF renders at the device's real pixel density so the film's fine
// detail stays sharp on phones and projectors.
func (g *Game) LayoutF(outsideWidth, outsideHeight float64) (float64, float64) {
	s := ebiten.Monitor().DeviceScaleFactor()
	g.a.w, g.a.h, g.a.scale = outsideWidth*s, outsideHeight*s, s
	return g.a.w, g.a.h
}

// Layout is required by ebiten.Game; LayoutF takes precedence.
func (g *Game) Layout(outsideWidth, outsideHeight int) (int, int) {
	w, h := g.LayoutF(float64(outsideWidth), float64(outsideHeight))
	return int(w), int(h)
}
