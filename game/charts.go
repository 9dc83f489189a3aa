package game

import (
	"image"
	"math"

	"github.com/hajimehoshi/ebiten/v2"

	"bonemusic/engine"
	"bonemusic/render"
)

// Size the lessons are drawn at; the panel scales them to fit.
const chartW, chartH = 800, 450

// spectrumWindowSec of each play, from the same place, feed the spectrum:
// enough for a steady average, and two such windows are all that is kept
// as float samples.
const spectrumWindowSec = 20

// charts are the after-play lessons — the fidelity of every play, the
// spectrum of the first play against the latest, the groove under the
// microscope — redrawn beside the game after each play.
type charts struct {
	pics    [lessonOff]*upload
	disc    *engine.Disc // the disc they were drawn for
	plays   int
	drawing *job[[lessonOff]*image.NRGBA]
}

func newCharts() *charts { return &charts{plays: -1} }

// update starts a redraw once d (the disc on the platter) has been played
// again.
func (c *charts) update(a *app, d *engine.Disc) {
	if ims, err, ok := c.drawing.poll(); ok {
		c.drawing = nil
		if err != nil {
			a.say("%v", err)
		}
		for i, im := range ims {
			if im != nil {
				c.pics[i].dispose()
				c.pics[i] = newUpload(im)
			}
		}
	}
	if c.drawing != nil || d == nil || (c.disc == d && c.plays == d.Plays()) {
		return
	}
	snap := a.tt.Snapshot(d, -1)
	if snap == nil {
		return // the disc is off the platter (ageing): wait for it
	}
	c.disc, c.plays = d, snap.Plays()
	fresh := a.studio.fresh
	latest := window(a.tt.LastTake())
	lang := a.lang
	c.drawing = startJob(func(progress func(float64)) ([lessonOff]*image.NRGBA, error) {
		var out [lessonOff]*image.NRGBA
		var err error
		if out[lessonFidelity], err = render.FidelityChart(snap.History(), chartW, chartH, lang); err != nil {
			return out, err
		}
		progress(0.3)
		if out[lessonSpectrum], err = render.SpectrumChart(fresh, latest, engine.EngineRate, chartW, chartH, lang); err != nil {
			return out, err
		}
		progress(0.6)
		out[lessonMicroscope], err = render.MicroscopeLang(snap, loudestSample(snap), 1.5, chartW, chartH, lang)
		return out, err
	})
}

// image is the lesson's picture, or nil before it is drawn.
func (c *charts) image(lesson int) *ebiten.Image {
	if lesson < 0 || lesson >= len(c.pics) {
		return nil
	}
	return c.pics[lesson].image()
}

// window converts spectrumWindowSec of a play, from 5 s in (past the
// lead-in), to float samples.
func window(take []int16) []float32 {
	start := min(len(take), 5*engine.EngineRate)
	end := min(len(take), start+spectrumWindowSec*engine.EngineRate)
	out := make([]float32, end-start)
	for i, v := range take[start:end] {
		out[i] = float32(v) / 32767
	}
	return out
}

// loudestSample is where the groove swings widest: where the microscope
// shows wear best.
func loudestSample(d *engine.Disc) int {
	best, at := -1.0, d.ProgrammeStart()
	for i := d.ProgrammeStart(); i < d.ProgrammeEnd(); i += 97 {
		if v := math.Abs(d.FreshLateralUM(i)); v > best {
			best, at = v, i
		}
	}
	return at
}
