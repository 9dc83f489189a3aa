package game

import (
	"errors"
	"fmt"
	"io"

	"bonemusic/engine"
	"bonemusic/engine/synth"
	"bonemusic/render"
)

const (
	// demoSeconds of boogie-woogie: long enough to hear, short enough to
	// hear it again, worn, within a museum visit.
	demoSeconds = 45
	// discPX is the size of the disc picture the game turns: sharp on a
	// 1080p projector, and quick to draw.
	discPX = 1024
)

// makeDemoRecord cuts the demo tune onto a chest X-ray, exactly as a
// visitor's own sound will be: what is heard is the engine's stylus in the
// engine's groove, never the synth directly.
func makeDemoRecord(cache *render.Cache) (*record, error) {
	p := engine.DefaultParams()
	disc, err := cutTune("boogie", demoSeconds, p)
	if err != nil {
		return nil, fmt.Errorf("cutting the demo: %w", err)
	}
	pics := drawRecord(cache, disc)
	if pics.err != nil {
		return nil, fmt.Errorf("drawing the demo: %w", pics.err)
	}
	pickup, err := engine.PickupByName("crystal")
	if err != nil {
		return nil, err
	}
	return &record{
		rpm:    p.RPM,
		geo:    render.NewGeometry(p, discPX),
		pics:   pics,
		needle: newNeedle(disc, engine.PlayOptions{Pickup: pickup, Noise: true, Seed: p.Seed}),
	}, nil
}

// cutChunk is a few milliseconds of synthesis and cutting in a browser.
const cutChunk = 2048

// cutTune synthesises a tune and cuts it onto a disc a chunk at a time,
// yielding between chunks so the page stays alive while it works.
func cutTune(name string, seconds float64, p engine.Params) (*engine.Disc, error) {
	tune, err := synth.NewTune(name, engine.EngineRate, seconds, p.Seed)
	if err != nil {
		return nil, err
	}
	cutter, err := engine.NewCutter(p, engine.CutOptions{SourceRate: engine.EngineRate})
	if err != nil {
		return nil, err
	}
	buf := make([]float32, cutChunk)
	var b breather
	for {
		n, err := tune.Read(buf)
		if werr := cutter.Write(buf[:n]); werr != nil {
			return nil, werr
		}
		if errors.Is(err, io.EOF) {
			return cutter.Finish()
		}
		if err != nil {
			return nil, err
		}
		b.breathe()
	}
}
