package game

import (
	"fmt"
	"math"

	"github.com/hajimehoshi/ebiten/v2"

	"bonemusic/engine"
	"bonemusic/game/turntable"
	"bonemusic/internal/shelf"
	"bonemusic/render"
)

// app is what the scenes share: the turntable and the speaker, the visitor's
// record in the making, this tick's controls, the words, the screen.
type app struct {
	text    text
	lang    string
	tt      *turntable.Turntable
	speaker *speaker
	look    *look // the pictures of the record on the turntable
	blank   blank // the visitor's disc before it is grooved
	demo    *engine.Disc
	opening *job[opened] // a file being read
	cache   *render.Cache
	ui      ui
	studio  studio
	files   *files // file picker and downloads (files_js.go, files_desktop.go)
	shelf   *collection
	// the shelf's saves of the record on the turntable (shelf_app.go)
	shelfWant, shelfSaving         *engine.Disc
	shelfAnnounce, shelfSaidSaving bool
	mic                            *mic // microphone capture (mic_js.go, mic_desktop.go)

	w, h  float64 // screen size, pixels
	scale float64 // screen pixels per CSS pixel
	tick  int64

	typing   bool // a scene takes typed text this tick: no shortcuts
	help     bool // the help is open over the scene
	kiosk    bool // a museum's unattended machine: no file dialogs
	calm     bool // reduced motion: no decorative animations
	embed    embedChoices
	notice   string // a message for the visitor, shown until noticeAt+noticeTicks
	noticeAt int64
	exported string // name of the last file exported
	busy     string // what the visitor waits for
}

// newApp is the app in language lang, with the crystal pickup on the
// turntable and nothing made yet.
func newApp(lang string) *app {
	crystal, _ := engine.PickupByName("crystal")
	a := &app{
		text: texts[lang], lang: lang, tt: turntable.New(crystal), speaker: &speaker{},
		cache: &render.Cache{}, files: newFiles(), embed: defaultEmbed, mic: newMic(), scale: 1, shelf: newCollection(shelf.Open),
	}
	a.look = &look{cache: a.cache}
	a.speaker.use(a.tt)
	a.studio.pickup, a.studio.rpm = crystal.Name, engine.RPM78
	return a
}

// noticeTicks is how long a message stays: eight seconds, long enough to
// read two lines aloud.
const noticeTicks = 8 * 60

// say shows the visitor a message.
func (a *app) say(format string, args ...any) {
	a.notice = fmt.Sprintf(format, args...)
	a.noticeAt = a.tick
}

// currentNotice is the message to show now ("" when none).
func (a *app) currentNotice() string {
	if a.notice != "" && a.tick-a.noticeAt > noticeTicks {
		a.notice = ""
	}
	return a.notice
}

// studio is the visitor's own record in the making: the film they chose,
// the sound they brought, the disc once it is cut, how they play it.
type studio struct {
	film     string
	seed     uint64
	source   string    // mic, file or demo:<tune>
	sound    []float32 // mono at engine.EngineRate
	disc     *engine.Disc
	pickup   string
	rpm      float64
	fresh    []float32 // a window of the first play's sound: the spectrum's reference
	lastPlay engine.PlayRecord
	shelfID  string // the record's id on the shelf ("" until it is saved there)
}

// params are the disc parameters of the record being made.
func (s *studio) params() engine.Params {
	p := engine.DefaultParams()
	p.Film = s.film
	p.Seed = s.seed
	// Every hole was burned by hand: its offset (0.5–1.5 mm) and direction
	// come from the seed, so "another one" also brings another wobble.
	h := s.seed*0x9e3779b97f4a7c15 + 0x632be59bd9b4e019
	p.EccentricityMM = 0.5 + float64(h>>40)/float64(1<<24)
	p.EccentricityRad = 2 * math.Pi * float64(h&0xffffff) / float64(1<<24)
	return p
}

// capacitySec is how much sound the visitor's side holds.
func (s *studio) capacitySec() float64 { return s.params().Capacity() }

// blankFor is the picture of the ungrooved disc p, or nil while it is drawn.
func (a *app) blankFor(p engine.Params) *ebiten.Image { return a.blank.image(a, p) }
