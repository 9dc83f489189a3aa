package game

import (
	"bonemusic/engine"
	"bonemusic/engine/synth"
	"bonemusic/render"
)

// demoSeconds is the length of the demo programme.
const demoSeconds = 60

// makeDemoRecord makes the record a visitor finds on the lightbox.
func makeDemoRecord() (*record, error) {
	p := engine.DefaultParams()
	pic, err := render.Film(p.Film, p.Seed, 1024)
	if err != nil {
		return nil, err
	}
	b := pic.Bounds()
	return &record{
		rpm:     p.RPM,
		picture: pic,
		holeX:   float64(b.Dx()) / 2,
		holeY:   float64(b.Dy()) / 2,
		source: func() MonoSource {
			s, err := synth.NewTune("boogie", sampleRate, demoSeconds, p.Seed)
			if err != nil {
				panic(err)
			}
			return s
		},
	}, nil
}
