package game

import (
	"fmt"
	"image/color"
	"math"

	"github.com/hajimehoshi/ebiten/v2"

	"bonemusic/engine"
	"bonemusic/game/turntable"
)

// demoSeconds of boogie-woogie: long enough to hear, short enough to hear
// it again, worn, within a museum visit.
const demoSeconds = 45

// lightbox is the first screen: the demo record turning on the lightbox.
// A tap anywhere but on a button plays it — and a tap made while it is
// still being cut is kept and honoured as soon as it is ready. It replays,
// wearing a little more each time, until the visitor makes their own.
type lightbox struct {
	demo     *job[*engine.Disc]
	wantPlay bool // the visitor asked to hear it
	started  bool // the needle has gone down at least once
}

func newLightbox(autoStart bool) *lightbox { return &lightbox{wantPlay: autoStart} }

func (*lightbox) name() sceneName { return sceneLightbox }

func (s *lightbox) update(a *app, in *Input) scene {
	m := metricsFor(a.w, a.h)
	s.layout(a, m)
	if s.demo == nil && a.demo == nil && a.tick > 1 {
		// After the first frame: in a browser, the cut shares the page's one
		// thread, and starting earlier would hold back the first picture.
		s.demo = startJob(func(progress func(float64)) (*engine.Disc, error) { return cutDemo(a.embed, progress) })
	}
	if d, err, ok := s.demo.poll(); ok {
		s.demo = nil
		if err != nil {
			a.say("%s%v", a.text.RecordFailed, err)
		} else {
			a.demo = d
		}
	}
	if a.demo != nil && a.look.disc != a.demo {
		a.tt.Load(a.demo, a.demo.Params.Seed)
		if p, err := engine.PickupByName("crystal"); err == nil {
			a.tt.SetPickup(p) // the demo plays as a 1950s listener heard it
		}
		a.look.show(a.demo)
	}
	for _, p := range in.Taps {
		if !a.ui.onControl(p) {
			s.wantPlay = true
		}
	}
	if in.Keys.PlayPause || in.OK && !a.ui.focusSet {
		s.wantPlay = true
	}
	switch {
	case a.ui.pressed(in, "own"):
		a.tt.Lift()
		return newFilmScene(a)
	case a.ui.pressed(in, "open:bone"):
		a.pickFile(discFile)
	case a.ui.pressed(in, "shelf"):
		a.tt.Lift()
		return newShelfScene(a, func(a *app) scene { return newLightbox(false) })
	}
	// Play when asked and ready, then keep replaying: the attract loop is
	// the product's story in miniature.
	if s.wantPlay && a.demo != nil && a.look.disc == a.demo && a.look.ready() && !a.tt.Busy() {
		a.tt.Drop()
		s.started = true
	}
	if plays := a.tt.Finished(); len(plays) > 0 {
		a.studio.lastPlay = plays[len(plays)-1]
	}
	return s
}

func (s *lightbox) publish(st *State) {}

func (s *lightbox) layout(a *app, m metrics) {
	if a.embed.minimal {
		return // the demo record only: a tap plays it
	}
	w := math.Min(m.w-2*m.pad, float64(m.px)*17)
	shelfLabel := a.text.Shelf
	if n := len(a.shelf.entries); n > 0 {
		shelfLabel += fmt.Sprintf(" (%d)", n)
	}
	if m.portrait {
		boxes := row(Rect{m.pad, m.h - m.btnH - m.pad, m.w - 2*m.pad, m.btnH}, 3, m.pad)
		a.ui.add(control{id: "own", label: a.text.Own, r: boxes[0], big: true})
		a.ui.add(control{id: "open:bone", label: a.text.OpenBone, r: boxes[1]})
		a.ui.add(control{id: "shelf", label: shelfLabel, r: boxes[2]})
		return
	}
	y := m.h - m.btnH - m.pad
	a.ui.add(control{id: "own", label: a.text.Own, r: Rect{m.w - w - m.pad, y, w, m.btnH}, big: true})
	a.ui.add(control{id: "open:bone", label: a.text.OpenBone, r: Rect{m.pad, y, w, m.btnH}})
	a.ui.add(control{id: "shelf", label: shelfLabel, r: Rect{m.pad, y - m.btnH - m.pad, w, m.btnH}})
}

func (s *lightbox) draw(a *app, v *view, screen *ebiten.Image) {
	m := metricsFor(a.w, a.h)
	now := a.tt.Now()
	diameter := m.unit * 0.86
	if m.portrait {
		diameter = math.Min(m.w*0.94, m.h-m.headerH()-3*m.btnH)
	}
	centre := Point{m.w / 2, m.h / 2}
	if m.portrait {
		centre.Y = m.headerH() + diameter/2 + m.pad
	}
	v.drawRecord(screen, a.look, now.AngleRad, centre, diameter)
	if a.look.ready() {
		v.drawTonearm(screen, now, centre, diameter/a.look.disc.Params.DiameterMM)
	}
	v.header(screen, m, a.text)
	capW := math.Min(m.w-2*m.pad, float64(m.px)*36)
	capY := m.h - m.btnH - 2*m.pad - float64(m.px)*3
	if m.portrait {
		capY = centre.Y + diameter/2 + m.pad
	}
	switch {
	case !a.look.ready():
		v.paragraph(screen, a.text.Preparing, false, m.px, labelColor, Rect{(m.w - capW) / 2, centre.Y + float64(m.px)*2, capW, 0}, true)
	case s.started:
		caption := fmt.Sprintf(a.text.PlayN, now.Plays+1, a.text.Pickups[a.tt.Pickup().Name])
		h := v.paragraph(screen, caption, false, m.px*4/5, dimColor, Rect{(m.w - capW) / 2, capY, capW, 0}, true)
		v.paragraph(screen, a.text.NowPlaying, false, m.px*4/5, labelColor, Rect{(m.w - capW) / 2, capY + h, capW, 0}, true)
	}
	if !s.started {
		v.dim(screen, 0.45)
		pulse := 0.75 + 0.25*math.Sin(float64(a.tick)/60*2*math.Pi*0.5)
		c := color.RGBA{uint8(255 * pulse), uint8(255 * pulse), uint8(255 * pulse), 0xff}
		v.paragraph(screen, "▶  "+a.text.Tap, true, m.px*3/2, c, Rect{m.pad, centre.Y - float64(m.px)*1.5, m.w - 2*m.pad, 0}, true)
	}
}

// cutDemo synthesises the demo tune and cuts it onto the X-ray exactly as a
// visitor's own sound is cut: what is heard is the engine's stylus in the
// engine's groove, never the synth directly. The boogie on a chest X-ray
// unless an embedding page chose another.
func cutDemo(c embedChoices, progress func(float64)) (*engine.Disc, error) {
	p := engine.DefaultParams()
	p.Film = c.film
	tune, err := synthesise(c.tune, p.Seed, demoSeconds, func(f float64) { progress(f / 2) })
	if err != nil {
		return nil, err
	}
	l, err := turntable.NewLathe(p, tune)
	if err != nil {
		return nil, err
	}
	return turntable.CutFast(l, func(c turntable.Cutting) { progress(0.5 + c.Fraction/2) })
}
