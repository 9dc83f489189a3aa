package game

import (
	"image/color"
	"math"

	"github.com/hajimehoshi/ebiten/v2"
)

// The chrome is what every scene shares: the language buttons, the lesson
// and the help in the header's corner (and their keys, L and ?), the help
// overlay, and a kiosk's return to the lightbox after a visitor leaves.

// kioskIdleTicks is how long a kiosk waits without a touch or a key before
// it goes back to the lightbox and its attract loop: three minutes.
const kioskIdleTicks = 3 * 60 * 60

// chrome lays out the corner buttons and acts on them and on their keys. It
// reports whether it took this tick's input (the help is open): the scene
// then gets none.
func (g *Game) chrome(in *Input) (took bool) {
	a := g.a
	if a.help {
		if len(in.Taps) > 0 || in.OK || in.Back || in.Keys.Help || in.Keys.Space {
			a.help = false
		}
		return true
	}
	m := metricsFor(a.w, a.h)
	ids, labels := []string{"learn", "lang:en", "lang:ru", "help"}, []string{a.text.Learn, "EN", "RU", a.text.Help}
	if m.w < float64(m.px)*34 { // a phone: only the other language
		if a.lang == "ru" {
			ids, labels = []string{"learn", "lang:en", "help"}, []string{a.text.Learn, "EN", a.text.Help}
		} else {
			ids, labels = []string{"learn", "lang:ru", "help"}, []string{a.text.Learn, "RU", a.text.Help}
		}
	}
	h := math.Round(m.btnH * 0.8)
	x := m.w - m.pad
	for i := len(ids) - 1; i >= 0; i-- {
		w := math.Round(float64(m.px) * 2.6)
		if ids[i] == "learn" {
			w = math.Round(float64(m.px) * 5.5)
		}
		x -= w
		a.ui.add(control{id: ids[i], label: labels[i], r: Rect{x, m.pad * 0.5, w, h}, on: ids[i] == "lang:"+a.lang,
			off: ids[i] == "learn" && !g.canLearn()})
		x -= m.pad / 2
	}
	typing := a.typing
	switch {
	case a.ui.pressed(in, "lang:en"):
		a.setLang("en")
	case a.ui.pressed(in, "lang:ru"):
		a.setLang("ru")
	case in.Keys.Lang && !typing:
		a.setLang(map[string]string{"en": "ru", "ru": "en"}[a.lang])
	case a.ui.pressed(in, "help") || in.Keys.Help && !typing:
		a.help = true
		return true
	case a.ui.pressed(in, "learn") && g.canLearn():
		cur := g.scene
		a.tt.Lift()
		g.scene = newLearnScene(a, 0, func(*app) scene { return cur })
	}
	return false
}

// canLearn: the lesson opens from the lightbox and the turntable (a cut
// or a recording under way is not interrupted), once a record exists.
func (g *Game) canLearn() bool {
	n := g.scene.name()
	return (n == sceneLightbox || n == sceneTurntable) && g.a.lessonDisc() != nil
}

// setLang switches every word on the screen, and the charts' labels.
func (a *app) setLang(lang string) {
	if _, ok := texts[lang]; !ok || lang == a.lang {
		return
	}
	a.lang, a.text = lang, texts[lang]
}

// idle brings a kiosk back to the lightbox once nobody has touched it for
// its idle time; the demo record then plays again as its attract loop. A
// cut on the lathe or a recording under way is never interrupted.
func (g *Game) idle(in *Input) {
	a := g.a
	if in.Gesture() || len(in.Drags) > 0 || in.Back || in.Next || in.Prev || len(in.Chars) > 0 || in.Keys != (Keys{}) {
		g.lastInput = a.tick
	}
	limit := g.opt.IdleTicks
	if limit <= 0 {
		limit = kioskIdleTicks
	}
	if !g.opt.Kiosk || a.tick-g.lastInput < limit || !g.interruptible() {
		return
	}
	g.backToLightbox(true)
	g.lastInput = a.tick
}

// drawHelp dims the screen and shows the keys and gestures.
func (g *Game) drawHelp(screen *ebiten.Image) {
	a, v := g.a, g.v
	m := metricsFor(a.w, a.h)
	v.fill(screen, Rect{0, 0, m.w, m.h}, color.RGBA{0x04, 0x06, 0x09, 0xe8})
	w := math.Min(m.w-2*m.pad, float64(m.px)*36)
	v.paragraph(screen, a.text.HelpText, false, m.px, labelColor, Rect{(m.w - w) / 2, m.headerH(), w, 0}, false)
}
