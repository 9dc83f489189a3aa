package game

import (
	"bytes"
	"fmt"
	"io"

	"bonemusic/engine"
	"bonemusic/engine/bonefile"
	"bonemusic/internal/audioio"
	"bonemusic/render"
)

// ageResult is a disc after "age it".
type ageResult struct {
	disc *engine.Disc
	last engine.PlayRecord
}

// startAgeing takes the disc off the platter and ages it by agePlays plays
// beside the game with the chosen pickup and speed: the engine's wear
// without the sound (engine.Age), so ten plays of a side take seconds.
func (s *turntableScene) startAgeing(a *app) {
	d := a.tt.Eject()
	if d == nil {
		return
	}
	opt := engine.PlayOptions{Pickup: a.tt.Pickup(), RPM: a.studio.rpm, Noise: true, Seed: d.Params.Seed + uint64(d.Plays())}
	s.ageing = startJob(func(progress func(float64)) (ageResult, error) {
		recs, err := engine.Age(d, opt, agePlays, progress)
		if err != nil || len(recs) == 0 {
			return ageResult{disc: d}, err
		}
		return ageResult{d, recs[len(recs)-1]}, nil
	})
}

func (s *turntableScene) pollAgeing(a *app) {
	r, err, ok := s.ageing.poll()
	if !ok {
		return
	}
	s.ageing = nil
	a.tt.Load(r.disc, r.disc.Params.Seed)
	a.tt.SetRPM(a.studio.rpm)
	if err != nil {
		a.say("%v", err)
		return
	}
	a.studio.lastPlay = r.last
	if a.studio.shelfID != "" {
		a.keepOnShelf(false)
	}
}

// exportKinds are the files the visitor can take home.
var exportKinds = []string{"wav", "png", "bone"}

type exported struct {
	name, mime string
	data       []byte
}

// startExport makes the file beside the game: this play's sound as WAV, the
// disc as a picture, or the disc itself as an audio letter.
func (s *turntableScene) startExport(a *app, kind string) {
	base := fmt.Sprintf("bone-music-%s-%d", a.studio.film, a.studio.disc.Plays())
	switch kind {
	case "wav":
		take := a.tt.LastTake()
		if take == nil {
			return
		}
		s.export = startJob(func(progress func(float64)) (exported, error) {
			mono := make([]float32, len(take))
			for i, v := range take {
				mono[i] = float32(v) / 32767
			}
			data, err := audioio.EncodeWAV(mono, engine.EngineRate, progress)
			return exported{base + ".wav", "audio/wav", data}, err
		})
	case "png", "bone":
		snap := a.tt.Snapshot(a.studio.disc, -1)
		if snap == nil {
			return
		}
		s.export = startJob(func(progress func(float64)) (exported, error) {
			var b bytes.Buffer
			w := &progressWriter{w: &b, progress: progress}
			if kind == "png" {
				err := render.DiscPNG(w, snap, render.DefaultExportPX)
				return exported{base + ".png", "image/png", b.Bytes()}, err
			}
			err := bonefile.Encode(w, snap)
			return exported{base + ".bone", "application/octet-stream", b.Bytes()}, err
		})
	}
	a.busy = a.text.Saving
}

func (s *turntableScene) pollExport(a *app) {
	e, err, ok := s.export.poll()
	if !ok {
		return
	}
	s.export, a.busy = nil, ""
	a.save(e.name, e.mime, e.data, err)
}

// progressWriter lets a long encoding breathe: every write reports (an
// unknown fraction, so 0) to the job, which pauses for the page as needed.
type progressWriter struct {
	w        io.Writer
	progress func(float64)
}

func (p *progressWriter) Write(b []byte) (int, error) {
	p.progress(0)
	return p.w.Write(b)
}
