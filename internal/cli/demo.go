//go:build !js

package cli

import (
	"flag"
	"fmt"
	"slices"
	"strings"

	"bonemusic/engine"
	"bonemusic/engine/synth"
)

func runDemo(e *env) error {
	fs := flag.NewFlagSet("demo", flag.ContinueOnError)
	out := fs.String("o", "", "WAV file to write")
	tune := fs.String("tune", "boogie", strings.Join(synth.Tunes, ", "))
	seconds := fs.Float64("seconds", 30, "length in seconds")
	seed := fs.Uint64("seed", 1, "varies key, tempo and the improvised parts")
	if _, err := parse(fs, e.args, 0, ""); err != nil {
		return err
	}
	if *out == "" {
		return usagef("say where to write the sound: -o OUT.wav")
	}
	if !slices.Contains(synth.Tunes, *tune) {
		return usagef("unknown tune %q: choose %s", *tune, strings.Join(synth.Tunes, ", "))
	}
	if !(*seconds > 0 && *seconds <= 15*60) {
		return usagef("--seconds %g is outside 0–900", *seconds)
	}
	if err := checkOutput(*out, writesSound); err != nil {
		return err
	}
	e.progress.show("playing the %s…", *tune)
	sound, err := synth.Tune(*tune, engine.EngineRate, *seconds, *seed)
	if err != nil {
		return err
	}
	if err := writeWAV(*out, sound, engine.EngineRate); err != nil {
		return err
	}
	e.progress.done()
	fmt.Fprintf(e.stdout, "wrote %s of %s: %s\n", clock(*seconds), *tune, *out)
	return nil
}
