package game

import (
	"fmt"
	"image/color"
	"math"

	"github.com/hajimehoshi/ebiten/v2"

	"bonemusic/engine"
	"bonemusic/game/turntable"
	"bonemusic/render"
)

// cutScene is the lathe at work: the blank turns, the cutter head travels
// from the rim inwards and the groove appears behind it. Live, in real time
// with the sound monitored, as the X-Ray Audio shows do; fast, a side in
// seconds with a progress bar.
type cutScene struct {
	live  bool
	lathe *turntable.Lathe
	disc  *job[*engine.Disc] // cutting fast, or finishing a live cut
}

func newCutScene(a *app, live bool) scene {
	l, err := turntable.NewLathe(a.studio.params(), a.studio.sound)
	if err != nil {
		a.say("%s%v", a.text.RecordFailed, err)
		return newSoundScene(a)
	}
	a.tt.Lift()
	s := &cutScene{live: live, lathe: l}
	if live {
		a.speaker.use(l) // the audio device's pull is the lathe's clock
	} else {
		s.disc = startJob(func(progress func(float64)) (*engine.Disc, error) {
			return turntable.CutFast(l, func(c turntable.Cutting) { progress(c.Fraction) })
		})
	}
	return s
}

func (*cutScene) name() sceneName { return sceneCut }

func (s *cutScene) update(a *app, in *Input) scene {
	m := metricsFor(a.w, a.h)
	_, panel := m.stage()
	a.ui.add(control{id: "back", label: a.text.Back, r: Rect{panel.X, panel.Y + panel.H - m.btnH, (panel.W - m.pad) / 2, m.btnH}})
	if a.ui.pressed(in, "back") || in.Back {
		// Abandoning the cut: the blank is spoilt, the sound is kept.
		a.speaker.use(a.tt)
		return newSoundScene(a)
	}
	now := s.lathe.Now()
	if now.Err != nil {
		a.speaker.use(a.tt)
		a.say("%s%v", a.text.RecordFailed, now.Err)
		return newSoundScene(a)
	}
	if now.Written && s.disc == nil {
		// The live cut has reached the end: the monitor falls silent and
		// the disc is finished beside the game.
		l := s.lathe
		s.disc = startJob(func(progress func(float64)) (*engine.Disc, error) { return l.Finish(progress) })
	}
	d, err, ok := s.disc.poll()
	switch {
	case ok && err != nil:
		a.speaker.use(a.tt)
		a.say("%s%v", a.text.RecordFailed, err)
		return newSoundScene(a)
	case ok:
		return a.playDisc(d)
	}
	return s
}

func (s *cutScene) draw(a *app, v *view, screen *ebiten.Image) {
	m := metricsFor(a.w, a.h)
	stage, panel := m.stage()
	now := s.lathe.Now()
	p := a.studio.params()
	v.drawBlankUnderCutter(screen, a, stage.Inset(m.pad), p, now.AngleRad, now.RadiusMM)
	v.header(screen, m, a.text)
	title := a.text.CuttingFast
	if s.live {
		title = a.text.CuttingLive
	}
	h := v.paragraph(screen, title, true, m.px, labelColor, Rect{panel.X, panel.Y, panel.W, 0}, false)
	total := float64(len(a.studio.sound)) / engine.EngineRate
	v.label(screen, fmt.Sprintf("%s / %s", clock(now.CutSec), clock(total)), false, m.px, dimColor, panel.X, panel.Y+h+m.pad, false)
	v.bar(screen, Rect{panel.X, panel.Y + h + m.pad + float64(m.px)*1.8, panel.W, math.Max(6, float64(m.px)/2)}, now.Fraction, accentColor)
}

// drawBlankUnderCutter draws the blank for p turning about its burned hole
// on the lathe's spindle, fitted in r, grooved from the rim in to
// radiusMM, with the cutter head there.
func (v *view) drawBlankUnderCutter(screen *ebiten.Image, a *app, r Rect, p engine.Params, angleRad, radiusMM float64) {
	g := render.NewGeometry(p, blankPX)
	scale := math.Min(r.W, r.H) / blankPX
	pxPerMM := g.PXPerMM * scale
	op := &ebiten.DrawImageOptions{Filter: ebiten.FilterLinear}
	op.GeoM.Translate(-g.HoleX*scale, -g.HoleY*scale)
	op.GeoM.Rotate(angleRad)
	op.GeoM.Translate(r.Center().X, r.Center().Y)
	if img := a.blankFor(p); img != nil {
		screen.DrawImage(v.scaled(img, scale), op)
	}
	gx, gy := op.GeoM.Apply(g.CenterX*scale, g.CenterY*scale)
	c := Point{gx, gy}
	// The groove band so far: a darker, finely ringed annulus behind the cutter.
	outer, inner := p.StartRadiusMM, radiusMM
	if inner < outer {
		v.arc(screen, c.X, c.Y, inner*pxPerMM, outer*pxPerMM, 0, 2*math.Pi, color.RGBA{0x10, 0x16, 0x1e, 0x60})
		for rr := outer; rr > inner; rr -= 3 {
			v.ring(screen, c.X, c.Y, rr*pxPerMM, 1, color.RGBA{0xd0, 0xe0, 0xf0, 0x30})
		}
	}
	v.drawCutterHead(screen, c, radiusMM*pxPerMM, r.X+r.W, pxPerMM)
}

// drawCutterHead draws the lathe's carriage coming in from the right along
// the disc's horizontal radius, with the cutting stylus at radiusPX.
func (v *view) drawCutterHead(screen *ebiten.Image, c Point, radiusPX, rightX, pxPerMM float64) {
	x, y := c.X+radiusPX, c.Y
	v.line(screen, x, y, rightX, y, math.Max(3, 6*pxPerMM), color.RGBA{0x55, 0x5e, 0x68, 0xff})
	body := math.Max(10, 16*pxPerMM)
	box := Rect{x + body*0.2, y - body/2, body * 1.4, body}
	v.fill(screen, box, accentColor)
	v.fill(screen, box.Inset(1.5), color.RGBA{0x2a, 0x30, 0x38, 0xff})
	v.line(screen, x+body*0.2, y, x, y, math.Max(1.5, 1.5*pxPerMM), noticeColor)
	v.disk(screen, x, y, math.Max(2, 1.5*pxPerMM), noticeColor)
}

// publish tells how far the cut is.
func (s *cutScene) publish(st *State) { st.CutProgress = s.lathe.Now().Fraction }
