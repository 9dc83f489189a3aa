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

// agePlays is how many plays "age it" runs at once.
const agePlays = 10

// lessons the panel shows after a play, in turn, then none.
const (
	lessonFidelity = iota
	lessonSpectrum
	lessonMicroscope
	lessonOff
	lessonCount
	lessonDefault = -1 // fidelity where there is room for it, else off
)

// turntableScene plays the visitor's record with the pickup and speed they
// choose. Every play wears the disc through the engine; after each the
// panel shows the count, the fidelity, a chart of the wear, the spectrum or
// the groove under the microscope. "Age it" runs ten plays at once.
type turntableScene struct {
	lesson int
	charts *charts
	ageing *job[ageResult]
	export *job[exported]
	hands  *hands
	geo    recordGeo // where the record and the arm's head are, for the page
}

// recordGeo is the record on the screen in CSS pixels: published so a page
// (or a test) can put a hand on the record or on the tonearm's head.
type recordGeo struct{ x, y, r, armX, armY float64 }

func newTurntableScene(a *app) *turntableScene {
	return &turntableScene{charts: newCharts(), lesson: lessonDefault, hands: newHands()}
}

func (*turntableScene) name() sceneName { return sceneTurntable }

// playDisc puts d on the turntable as the visitor's record and goes to the
// turntable: a record just cut, or an audio letter just opened.
func (a *app) playDisc(d *engine.Disc) scene {
	a.studio.disc, a.studio.film, a.studio.seed = d, d.Params.Film, d.Params.Seed
	a.studio.fresh, a.studio.lastPlay, a.studio.shelfID = nil, engine.PlayRecord{}, ""
	if h := d.History(); len(h) > 0 {
		a.studio.lastPlay = h[len(h)-1]
		a.say(a.text.LetterNew, len(h))
	}
	a.speaker.use(a.tt) // the lathe's monitor, if a live cut was on, falls silent
	a.tt.Load(d, d.Params.Seed)
	if p, err := engine.PickupByName(a.studio.pickup); err == nil {
		a.tt.SetPickup(p)
	}
	a.tt.SetRPM(a.studio.rpm)
	a.look.show(d)
	return newTurntableScene(a)
}

// speeds offered, with their ids.
var speeds = []struct {
	id    string
	rpm   float64
	label string
}{{"speed:78", engine.RPM78, "78"}, {"speed:45", engine.RPM45, "45"}, {"speed:33", engine.RPM33, "33 1/3"}}

func (s *turntableScene) update(a *app, in *Input) scene {
	m := metricsFor(a.w, a.h)
	now := a.tt.Now()
	busy := s.ageing != nil || !now.HasDisc
	s.layout(a, m, now, busy)

	for _, rec := range a.tt.Finished() {
		a.studio.lastPlay = rec
		if a.studio.fresh == nil {
			a.studio.fresh = window(a.tt.LastTake()) // not the whole play: 17 MB for a side
		}
		if a.studio.shelfID != "" {
			a.keepOnShelf(false) // the shelf keeps its plays and wear
		}
	}
	s.pollAgeing(a)
	s.pollExport(a)
	s.charts.update(a, a.studio.disc)
	stage, _ := m.stage()
	d := a.studio.disc
	c, pxPerMM := stage.Center(), stage.W*0.92/d.Params.DiameterMM
	if !busy {
		s.hands.update(a.tt, in, c, pxPerMM, d.Params.DiameterMM/2, a.ui.onControl)
	}
	hx, hy := needleAt(a.tt.Now().ArmRadiusMM, c, pxPerMM)
	k := a.scale
	s.geo = recordGeo{c.X / k, c.Y / k, d.Params.DiameterMM / 2 * pxPerMM / k, hx / k, hy / k}

	switch {
	case a.ui.pressed(in, "back") || in.Back:
		s.leave(a)
		return newLightbox(false)
	case a.ui.pressed(in, "own"):
		s.leave(a)
		a.studio.sound, a.studio.source = nil, ""
		return newFilmScene(a)
	case a.ui.pressed(in, "play") || in.Keys.PlayPause && !busy && now.Arm == turntable.ArmRest:
		a.tt.Drop()
	case a.ui.pressed(in, "cue") || in.Keys.PlayPause && !busy:
		a.tt.Cue()
	case a.ui.pressed(in, "lift"):
		a.tt.Lift()
	case a.ui.pressed(in, "age"):
		s.hands.letGo(a.tt)
		s.startAgeing(a)
	case a.ui.pressed(in, "chart:next"):
		s.lesson = (s.lessonShown(m) + 1) % lessonCount
	case a.ui.pressed(in, "open:bone"):
		a.pickFile(discFile)
	case a.ui.pressed(in, "save") || in.Keys.Save && !busy:
		a.keepOnShelf(true)
	case a.ui.pressed(in, "shelf"):
		s.leave(a)
		return newShelfScene(a, func(a *app) scene { return newTurntableScene(a) })
	case a.ui.pressed(in, "lathe") && !busy:
		s.leave(a)
		return newLatheScene(a)
	}
	for _, p := range engine.Pickups {
		if a.ui.pressed(in, "pickup:"+p.Name) {
			a.studio.pickup = p.Name
			a.tt.SetPickup(p)
		}
	}
	for _, sp := range speeds {
		if a.ui.pressed(in, sp.id) {
			a.studio.rpm = sp.rpm
			a.tt.SetRPM(sp.rpm)
		}
	}
	for _, k := range exportKinds {
		if a.ui.pressed(in, "export:"+k) && s.export == nil {
			s.startExport(a, k)
		}
	}
	return s
}

func (s *turntableScene) layout(a *app, m metrics, now turntable.Now, busy bool) {
	_, panel := m.stage()
	y := panel.Y
	if !m.portrait {
		y += float64(m.px) * 2.6 // the play count and fidelity
	}
	gap := m.pad
	add := func(ids, labels []string, on func(int) bool, off func(int) bool) {
		boxes := row(Rect{panel.X, y, panel.W, m.btnH}, len(ids), gap)
		for i := range ids {
			a.ui.add(control{id: ids[i], label: labels[i], r: boxes[i], on: on != nil && on(i), off: off != nil && off(i)})
		}
		y += m.btnH + gap
	}
	var ids, labels []string
	for _, p := range engine.Pickups {
		ids, labels = append(ids, "pickup:"+p.Name), append(labels, a.text.Pickups[p.Name])
	}
	add(ids, labels, func(i int) bool { return engine.Pickups[i].Name == a.studio.pickup }, nil)
	ids, labels = nil, nil
	for _, sp := range speeds {
		ids, labels = append(ids, sp.id), append(labels, sp.label)
	}
	add(ids, labels, func(i int) bool { return speeds[i].rpm == a.studio.rpm }, nil)
	playing := now.Arm != turntable.ArmRest
	cueLabel := a.text.CueDown
	if now.Arm == turntable.ArmPlaying {
		cueLabel = a.text.CueUp
	}
	add([]string{"play", "cue", "lift", "age"}, []string{a.text.Play, cueLabel, a.text.Lift, a.text.Age}, nil, func(i int) bool {
		switch i {
		case 0:
			return busy || playing
		case 1:
			return busy || now.Arm != turntable.ArmPlaying && now.Arm != turntable.ArmCued
		case 2:
			return !playing
		}
		return busy || playing
	})
	add([]string{"export:wav", "export:png", "export:bone", "lathe"}, []string{a.text.ExportWAV, a.text.ExportPNG, a.text.ExportBone, a.text.ToLathe}, nil,
		func(i int) bool { return busy || i < 3 && s.export != nil || i == 0 && a.tt.LastTake() == nil })
	add([]string{"save", "shelf", "open:bone", "own", "chart:next"}, []string{a.text.Save, a.text.Shelf, a.text.OpenBone, a.text.NewRecord, a.text.Worn + " ›"}, nil,
		func(i int) bool { return i == 0 && busy })
}

func (s *turntableScene) draw(a *app, v *view, screen *ebiten.Image) {
	m := metricsFor(a.w, a.h)
	stage, panel := m.stage()
	now := a.tt.Now()
	diameter := stage.W * 0.92
	centre := stage.Center()
	v.drawRecord(screen, a.look, now.AngleRad, centre, diameter)
	if a.look.ready() {
		v.drawTonearm(screen, now, centre, diameter/a.look.disc.Params.DiameterMM)
	}
	v.header(screen, m, a.text)

	status := a.text.Fresh
	plays := a.studio.disc.Plays()
	if s.ageing != nil {
		status = fmt.Sprintf(a.text.Ageing, int(s.ageing.fraction()*agePlays)+1, agePlays)
	} else if lp := a.studio.lastPlay; plays > 0 && lp.Pickup != "" {
		status = fmt.Sprintf(a.text.Fidelity, plays, lp.FidelityDB)
		switch {
		case lp.Skips == 1:
			status += a.text.OneSkip
		case lp.Skips > 1:
			status += fmt.Sprintf(a.text.Skips, lp.Skips)
		}
		if lp.NeedleUM >= 1 { // a steel needle wears into a chisel in one play
			status += fmt.Sprintf(a.text.Needle, lp.NeedleUM)
		}
		if lp.Frames > 0 && lp.FidelityDB < render.UnlistenableDB {
			status += " · " + a.text.Unlistenable
		}
	}
	statusR := Rect{panel.X, panel.Y, panel.W, 0}
	if m.portrait {
		statusR = Rect{stage.X + m.pad, stage.Y + stage.H - float64(m.px)*1.6, stage.W - 2*m.pad, 0}
	}
	v.paragraph(screen, status, false, m.px*4/5, labelColor, statusR, m.portrait)
	if s.ageing != nil {
		v.bar(screen, Rect{panel.X, panel.Y + float64(m.px)*1.6, panel.W, math.Max(4, float64(m.px)/3)}, s.ageing.fraction(), accentColor)
	}
	// The lesson: under the controls when there is room, else over the disc.
	lesson := s.lessonShown(m)
	if lesson == lessonOff {
		return
	}
	box := lessonBox(m)
	if box.H <= 0 {
		box = stage.Inset(stage.W * 0.06)
		v.fill(screen, box, color.RGBA{0x07, 0x09, 0x0c, 0xd8})
	}
	if img := s.charts.image(lesson); img != nil {
		v.picture(screen, img, box)
	}
}

// leave lets go of the platter and the arm and lifts the needle: the
// visitor is going to another scene.
func (s *turntableScene) leave(a *app) {
	s.hands.letGo(a.tt)
	a.tt.Lift()
}

// lessonBox is the room under the controls for a chart, or an empty Rect
// where there is none (a phone: the chart then goes over the disc).
func lessonBox(m metrics) Rect {
	_, panel := m.stage()
	top := panel.Y + float64(m.px)*2.6 + 5*(m.btnH+m.pad)
	box := Rect{panel.X, top, panel.W, panel.Y + panel.H - top}
	if m.portrait || box.H < float64(m.px)*8 {
		return Rect{}
	}
	return box
}

// lessonShown resolves the default lesson for this screen.
func (s *turntableScene) lessonShown(m metrics) int {
	if s.lesson != lessonDefault {
		return s.lesson
	}
	if lessonBox(m).H > 0 {
		return lessonFidelity
	}
	return lessonOff
}

// publish tells how far ageing is; the record is cut.
func (s *turntableScene) publish(st *State) {
	st.RecordX, st.RecordY, st.RecordR, st.ArmX, st.ArmY = s.geo.x, s.geo.y, s.geo.r, s.geo.armX, s.geo.armY
	st.CutProgress = 1
	st.AgeProgress = 0
	if s.ageing != nil {
		st.AgeProgress = s.ageing.fraction()
	}
}
