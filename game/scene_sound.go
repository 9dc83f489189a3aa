package game

import (
	"errors"
	"fmt"
	"image/color"
	"io"
	"math"

	"github.com/hajimehoshi/ebiten/v2"

	"bonemusic/engine"
	"bonemusic/engine/synth"
)

// demoTuneSeconds is how long a demo tune cut on the visitor's own record
// lasts: a minute is enough to hear it wear and short enough to hear it
// several times during a visit.
const demoTuneSeconds = 60

// soundScene is where the visitor brings a sound: the microphone, a file,
// or one of the synthesised tunes, with a gauge of what the side still
// holds and a level meter. Then the lathe cuts it, fast or live.
type soundScene struct {
	recording bool
	tune      *job[[]float32]
	tuneName  string
}

func newSoundScene(a *app) *soundScene { return &soundScene{} }

func (*soundScene) name() sceneName { return sceneSound }

func (s *soundScene) update(a *app, in *Input) scene {
	m := metricsFor(a.w, a.h)
	micState, micErr := a.mic.state()
	s.layout(a, m, micState)
	if snd, err, ok := s.tune.poll(); ok {
		s.tune, a.busy = nil, ""
		if err != nil {
			a.say("%v", err)
		} else {
			a.studio.sound, a.studio.source = snd, "demo:"+s.tuneName
		}
	}
	if s.recording {
		a.studio.sound = a.mic.take(a.studio.sound)
		if capN := int(a.studio.capacitySec() * engine.EngineRate); len(a.studio.sound) >= capN {
			a.studio.sound = a.studio.sound[:capN]
			s.recording = false
		}
	} else if micState == micOn {
		a.mic.take(nil) // keep the meter moving and the queue empty
	}
	switch micState {
	case micDenied:
		a.say("%s", a.text.MicDenied)
		a.mic.stop()
	case micNotHere:
		a.say("%s", a.text.MicNotHere)
		a.mic.stop()
	case micMissing:
		a.say("%s", a.text.MicMissing)
		a.mic.stop()
	case micFailed:
		if micErr != nil {
			a.say("%s: %v", a.text.Mic, micErr)
		}
		a.mic.stop()
	}

	// R works the microphone step by step, C cuts: only where their
	// buttons would.
	rec := in.Keys.Record && !a.typing
	switch {
	case a.ui.pressed(in, "back") || in.Back:
		s.leave(a)
		return newFilmScene(a)
	case a.ui.pressed(in, "source:mic") || rec && a.ui.available("source:mic") && !a.ui.available("record") && !a.ui.available("stop"):
		a.studio.source = "mic"
		a.mic.start()
	case a.ui.pressed(in, "mic:device"):
		a.mic.nextDevice()
		a.mic.stop()
		a.mic.start()
	case a.ui.pressed(in, "record") || rec && a.ui.available("record"):
		a.studio.sound, a.studio.source, s.recording = nil, "mic", true
		a.mic.take(nil) // what came before the tap is not part of the take
	case a.ui.pressed(in, "stop") || rec && a.ui.available("stop"):
		s.recording = false
	case a.ui.pressed(in, "source:file"):
		a.pickFile(soundFile)
	case a.ui.pressed(in, "cut:fast") || in.Keys.Cut && a.ui.available("cut:fast"):
		s.leave(a)
		return newCutScene(a, false)
	case a.ui.pressed(in, "cut:live"):
		s.leave(a)
		return newCutScene(a, true)
	}
	for _, t := range synth.Tunes {
		if a.ui.pressed(in, "demo:"+t) && s.tune == nil {
			s.recording = false
			s.tuneName, a.busy = t, a.text.Tunes[t]
			seed := a.studio.seed
			s.tune = startJob(func(progress func(float64)) ([]float32, error) {
				return synthesise(t, seed, demoTuneSeconds, progress)
			})
		}
	}
	return s
}

// leave stops the microphone when the visitor goes on.
func (s *soundScene) leave(a *app) {
	s.recording = false
	a.mic.stop()
}

func (s *soundScene) layout(a *app, m metrics, micState micStatus) {
	_, panel := m.stage()
	y := panel.Y
	if !m.portrait {
		y += float64(m.px) * 2 // the question
	}
	src := row(Rect{panel.X, y, panel.W, m.btnH}, 2, m.pad)
	a.ui.add(control{id: "source:mic", label: a.text.Mic, r: src[0], on: a.studio.source == "mic"})
	a.ui.add(control{id: "source:file", label: a.text.File, r: src[1], on: a.studio.source == "file"})
	y += m.btnH + m.pad
	micRow := a.studio.source == "mic" && micState == micOn
	cols := 4 // the tunes in one row, where they fit or a phone needs the room
	if panel.W < float64(m.px)*28 && !micRow {
		cols = 2
	}
	tunes, used := grid(Rect{panel.X, y, panel.W, 0}, len(synth.Tunes), cols, m.btnH, m.pad)
	for i, t := range synth.Tunes {
		a.ui.add(control{id: "demo:" + t, label: a.text.Tunes[t], r: tunes[i], on: a.studio.source == "demo:"+t})
	}
	y += used + m.pad
	if micRow {
		rec := row(Rect{panel.X, y, panel.W, m.btnH}, 2, m.pad)
		if s.recording {
			a.ui.add(control{id: "stop", label: a.text.Stop, r: rec[0], big: true})
		} else {
			a.ui.add(control{id: "record", label: a.text.Record, r: rec[0], big: true})
		}
		if devs := a.mic.devices(); len(devs) > 1 {
			a.ui.add(control{id: "mic:device", label: devs[a.mic.deviceIndex()%len(devs)], r: rec[1]})
		}
	}
	ready := len(a.studio.sound) > 0 && !s.recording && s.tune == nil
	fast := control{id: "cut:fast", label: a.text.CutFast, off: !ready, big: ready}
	live := control{id: "cut:live", label: a.text.CutLive, off: !ready}
	back := control{id: "back", label: a.text.Back}
	bottom := panel.Y + panel.H - m.btnH
	if m.portrait {
		// A phone has room for one row under the gauge: all three in it.
		boxes := row(Rect{panel.X, bottom, panel.W, m.btnH}, 3, m.pad)
		back.r, fast.r, live.r = boxes[0], boxes[1], boxes[2]
	} else {
		cut := row(Rect{panel.X, bottom - m.btnH - m.pad, panel.W, m.btnH}, 2, m.pad)
		fast.r, live.r = cut[0], cut[1]
		back.r = Rect{panel.X, bottom, (panel.W - m.pad) / 2, m.btnH}
	}
	a.ui.add(fast)
	a.ui.add(live)
	a.ui.add(back)
}

func (s *soundScene) draw(a *app, v *view, screen *ebiten.Image) {
	m := metricsFor(a.w, a.h)
	stage, panel := m.stage()
	if img := a.blankFor(a.studio.params()); img != nil {
		v.picture(screen, img, stage.Inset(m.pad))
	}
	v.header(screen, m, a.text)
	if !m.portrait {
		v.paragraph(screen, a.text.SoundTitle, true, m.px, labelColor, Rect{panel.X, panel.Y, panel.W, 0}, false)
	}
	// The gauge sits under the last source control.
	var below float64
	for _, c := range a.ui.controls {
		if c.id != "cut:fast" && c.id != "cut:live" && c.id != "back" {
			below = math.Max(below, c.r.Y+c.r.H)
		}
	}
	y := below + m.pad*0.5
	rec := float64(len(a.studio.sound)) / engine.EngineRate
	capSec := a.studio.capacitySec()
	gauge := fmt.Sprintf(a.text.Side, clock(rec), clock(capSec))
	if a.busy != "" {
		gauge = a.busy
	} else if s.recording {
		gauge = a.text.Recording + "  " + gauge
	}
	v.label(screen, gauge, false, m.px*4/5, labelColor, panel.X, y, false)
	barH := math.Max(4, float64(m.px)/3)
	v.bar(screen, Rect{panel.X, y + float64(m.px)*1.4, panel.W * 0.62, barH}, rec/capSec, accentColor)
	if st, _ := a.mic.state(); st == micOn {
		v.bar(screen, Rect{panel.X + panel.W*0.66, y + float64(m.px)*1.4, panel.W * 0.34, barH}, a.mic.level(), levelColor(a.mic.level()))
	}
	if a.studio.source == "file" || a.studio.source == "" {
		v.paragraph(screen, a.text.DropHint, false, m.px*4/5, dimColor, Rect{stage.X + m.pad, stage.Y + stage.H - float64(m.px)*2.2, stage.W - 2*m.pad, 0}, true)
	} else if a.studio.source == "mic" {
		v.paragraph(screen, a.text.MicHint, false, m.px*4/5, dimColor, Rect{stage.X + m.pad, stage.Y + stage.H - float64(m.px)*2.2, stage.W - 2*m.pad, 0}, true)
	}
}

// levelColor turns amber near full scale, where the cutter would overload.
func levelColor(l float64) color.RGBA {
	if l > 0.9 {
		return noticeColor
	}
	return accentColor
}

// synthesise makes seconds of a tune at the engine's rate, in blocks.
func synthesise(name string, seed uint64, seconds float64, progress func(float64)) ([]float32, error) {
	tune, err := synth.NewTune(name, engine.EngineRate, seconds, seed)
	if err != nil {
		return nil, err
	}
	total := seconds * engine.EngineRate
	out := make([]float32, 0, int(total))
	buf := make([]float32, 4096)
	for {
		n, err := tune.Read(buf)
		out = append(out, buf[:n]...)
		progress(float64(len(out)) / total)
		if errors.Is(err, io.EOF) {
			return out, nil
		}
		if err != nil {
			return nil, err
		}
	}
}

func (*soundScene) publish(*State) {}
