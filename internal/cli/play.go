//go:build !js

package cli

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"

	"bonemusic/engine"
	"bonemusic/engine/bonefile"
	"bonemusic/internal/audioio"
)

const maxPlaysPerRun = 1000

func runPlay(e *env) error {
	fs := flag.NewFlagSet("play", flag.ContinueOnError)
	out := fs.String("o", "", "WAV file for the sound of the last play")
	pickupName := fs.String("pickup", "crystal", "steel, crystal or magnetic")
	plays := fs.Int("plays", 1, "how many times to play the disc")
	rpm := fs.String("rpm", "", "turntable speed (default: the speed it was cut at)")
	args, err := parse(fs, e.args, 1, "the disc file to play")
	if err != nil {
		return err
	}
	if *out == "" {
		return usagef("say where to write the sound: -o OUT.wav")
	}
	if *plays < 1 || *plays > maxPlaysPerRun {
		return usagef("--plays %d is outside 1–%d", *plays, maxPlaysPerRun)
	}
	pickup, err := engine.PickupByName(*pickupName)
	if err != nil {
		return usagef("%v", err)
	}
	speed := 0.0
	if *rpm != "" {
		if speed, err = parseRPM(*rpm); err != nil {
			return err
		}
		if speed < 10 || speed > 120 {
			return usagef("--rpm %g is outside 10–120", speed)
		}
	}

	if err := checkOutputDir(*out); err != nil {
		return err
	}
	d, err := bonefile.ReadFile(args[0])
	if err != nil {
		return err
	}
	var sound []float32
	for i := 1; i <= *plays; i++ {
		e.progress.show("play %d of %d with the %s pickup…", i, *plays, pickup.Name)
		opt := engine.PlayOptions{Pickup: pickup, RPM: speed, Noise: true, Seed: d.Params.Seed + uint64(d.Plays())}
		var rec engine.PlayRecord
		sound, rec, err = engine.PlayAll(d, opt, 0)
		if err != nil {
			return fmt.Errorf("play %d: %w", i, err)
		}
		e.progress.done()
		fmt.Fprintf(e.stdout, "play %d (%s): %s, %s, %d skips\n", d.Plays(), rec.Pickup, clock(rec.Seconds), fidelityText(rec), rec.Skips)
	}
	// The sound first: if it cannot be written, the disc on disk stays as it
	// was, as if the plays never happened.
	if err := writeWAVAtomic(*out, sound, engine.EngineRate); err != nil {
		return err
	}
	return bonefile.WriteFile(args[0], d)
}

func fidelityText(rec engine.PlayRecord) string {
	if rec.Frames == 0 {
		return "fidelity not measured (silence)"
	}
	return fmt.Sprintf("fidelity %.1f dB", rec.FidelityDB)
}

// writeWAVAtomic writes a WAV beside path and renames it into place, so a
// failed write never leaves half a file where a good one was.
func writeWAVAtomic(path string, mono []float32, rateHz int) (err error) {
	tmp, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".tmp-*")
	if err != nil {
		return err
	}
	defer func() {
		if err != nil {
			tmp.Close()
			os.Remove(tmp.Name())
		}
	}()
	if err := audioio.WriteWAV(tmp, mono, rateHz); err != nil {
		return err
	}
	if err := tmp.Chmod(0o644); err != nil {
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	return os.Rename(tmp.Name(), path)
}
