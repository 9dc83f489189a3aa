package game

import (
	"errors"
	"fmt"
	"math"

	"github.com/hajimehoshi/ebiten/v2"

	"bonemusic/engine"
	"bonemusic/lathe"
)

// latheScene cuts the record on the turntable on a lathe: the simulated one
// or a real one on a serial port or MIDI. It shows the blank turning under
// the cutter as the machine reports it, the plan's progress, the machine's
// state, the last lines it accepted and the cutter drive's level; STOP (the
// button or Esc) stops the machine safely at any moment.
type latheScene struct {
	machine  string
	run      *latheRun
	started  int64   // the tick the run started: the platter's animation
	said     bool    // the run's end has been told
	radiusMM float64 // where the cutter is
	says     string  // the title or the phase, for a screen reader
}

func newLatheScene(a *app) *latheScene {
	a.tt.Lift()
	return &latheScene{machine: machineSim}
}

func (*latheScene) name() sceneName { return sceneLathe }

func (s *latheScene) snapshot() latheSnapshot {
	if s.run == nil {
		return latheSnapshot{Ended: true}
	}
	return s.run.snapshot()
}

func (s *latheScene) update(a *app, in *Input) scene {
	snap := s.snapshot()
	running := !snap.Ended
	s.radiusMM = cutterRadiusMM(a.studio.disc, snap)
	s.says = a.text.LatheTitle
	if s.run != nil {
		s.says = a.text.LathePhases[snap.Phase.String()]
	}
	s.layout(a, running)
	if snap.Ended && s.run != nil && !s.said {
		s.said = true
		switch {
		case errors.Is(snap.Err, errNoPort):
			a.say("%s", a.text.LatheNoPort)
		case errors.Is(snap.Err, lathe.ErrNoPortChosen):
			a.say("%v", snap.Err) // not a fault: the visitor closed the list
		case snap.Err != nil:
			a.say("%s%v", a.text.LatheStopped, snap.Err)
		default:
			a.say("%s", a.text.LatheFinished)
		}
	}

	switch {
	case running && (a.ui.pressed(in, "lathe:stop") || in.Back):
		s.run.stop()
	case a.ui.pressed(in, "back") || in.Back:
		if s.run != nil {
			s.run.leave()
		}
		return newTurntableScene(a)
	case a.ui.pressed(in, "lathe:start"):
		s.run, s.started, s.said = startLatheRun(s.machine, a.studio.disc, a.speaker, a.tt), a.tick, false
	}
	for _, m := range machines {
		if a.ui.pressed(in, "machine:"+m) {
			s.machine = m
		}
	}
	return s
}

func (s *latheScene) layout(a *app, running bool) {
	m := metricsFor(a.w, a.h)
	_, panel := m.stage()
	y := panel.Y + float64(m.px)*3.2 // the title and the machine's status
	ids, labels := make([]string, len(machines)), make([]string, len(machines))
	for i, mc := range machines {
		ids[i], labels[i] = "machine:"+mc, a.text.Machines[mc]
	}
	boxes := row(Rect{panel.X, y, panel.W, m.btnH}, len(ids), m.pad)
	for i := range ids {
		a.ui.add(control{id: ids[i], label: labels[i], r: boxes[i], on: machines[i] == s.machine, off: running})
	}
	y += m.btnH + m.pad
	boxes = row(Rect{panel.X, y, panel.W, m.btnH}, 2, m.pad)
	a.ui.add(control{id: "lathe:start", label: a.text.LatheStart, r: boxes[0], off: running, big: !running})
	a.ui.add(control{id: "lathe:stop", label: a.text.LatheStop, r: boxes[1], off: !running, big: running})
	a.ui.add(control{id: "back", label: a.text.Back, r: Rect{panel.X, panel.Y + panel.H - m.btnH, (panel.W - m.pad) / 2, m.btnH}})
}

// cutterRadiusMM is where the cutter is: as the machine reports it, else
// (MIDI reports nothing) where the drive has reached on the spiral.
func cutterRadiusMM(d *engine.Disc, snap latheSnapshot) float64 {
	switch {
	case snap.HasRadius:
		return snap.RadiusMM
	case snap.Sample > 0:
		return d.RadiusMM(min(snap.Sample, d.Len()-1))
	}
	return d.RadiusMM(0)
}

func (s *latheScene) draw(a *app, v *view, screen *ebiten.Image) {
	m := metricsFor(a.w, a.h)
	stage, panel := m.stage()
	d := a.studio.disc
	snap := s.snapshot()
	angle := 0.0
	if s.run != nil && (snap.Phase == lathe.Preparing || snap.Phase == lathe.Cutting) {
		angle = float64(a.tick-s.started) / 60 * d.Params.RPM / 60 * 2 * math.Pi
	}
	v.drawBlankUnderCutter(screen, a, stage.Inset(m.pad), d.Params, angle, s.radiusMM)
	v.header(screen, m, a.text)

	v.paragraph(screen, a.text.LatheTitle, true, m.px, labelColor, Rect{panel.X, panel.Y, panel.W, 0}, false)
	status := a.text.LatheHint
	if s.run != nil {
		status = a.text.LathePhases[snap.Phase.String()]
		if snap.Total > 0 {
			status += " · " + fmt.Sprintf(a.text.LatheSteps, snap.Done, snap.Total)
		}
		if snap.State != "" {
			status += " · " + snap.State
		}
		if snap.HasRadius {
			status += fmt.Sprintf(" · r %.2f mm", snap.RadiusMM)
		}
	}
	v.paragraph(screen, status, false, m.px*4/5, dimColor, Rect{panel.X, panel.Y + float64(m.px)*1.5, panel.W, 0}, false)
	y := panel.Y + float64(m.px)*3.2 + 2*(m.btnH+m.pad)
	if s.run == nil {
		return
	}
	thin := math.Max(4, float64(m.px)/3)
	frac := 0.0
	if snap.Total > 0 {
		frac = float64(snap.Done) / float64(snap.Total)
	}
	v.bar(screen, Rect{panel.X, y, panel.W, thin}, frac, accentColor)
	y += thin + m.pad/2
	v.bar(screen, Rect{panel.X, y, panel.W, thin}, snap.Level, noticeColor) // the cutter drive
	y += thin + m.pad
	// The stream: the last lines the machine accepted, newest last.
	bottom := panel.Y + panel.H - m.btnH - m.pad // the back button
	lineH := float64(m.px*3/4) * 1.35
	lines := snap.Lines
	if room := int((bottom - y) / lineH); room < len(lines) { // a phone: the newest that fit
		lines = lines[max(0, len(lines)-room):]
	}
	for _, l := range lines {
		v.label(screen, l, false, m.px*3/4, dimColor, panel.X, y, false)
		y += lineH
	}
}

// publish tells the page how the cut on the machine goes.
func (s *latheScene) publish(st *State) {
	st.CutProgress = 1
	snap := s.snapshot()
	st.LatheMachine = s.machine
	st.Say = s.says
	if s.run == nil {
		return
	}
	st.LathePhase = snap.Phase.String()
	st.LatheDone, st.LatheTotal = snap.Done, snap.Total
	st.LatheState, st.LatheLine = snap.State, snap.Line
	st.LatheRadiusMM = s.radiusMM
	st.LatheLevel = snap.Level
}
