package game

import (
	"fmt"

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
	tune, err := synth.Tune("boogie", engine.EngineRate, demoSeconds, p.Seed)
	if err != nil {
		return nil, fmt.Errorf("demo tune: %w", err)
	}
	disc, err := engine.Cut([][]float32{tune}, engine.EngineRate, p, engine.CutOptions{})
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
