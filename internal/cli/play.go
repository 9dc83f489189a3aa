//go:build !js

package cli

import (
	"flag"
	"fmt"
	"strings"

	"bonemusic/engine"
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

	if err := checkOutput(*out, writesSound, args[0]); err != nil {
		return err
	}
	d, ed, err := e.readDiscForEdit(args[0])
	if err != nil {
		return err
	}
	defer ed.Close()
	var sound []float32
	var report strings.Builder // printed once the plays are saved
	for i := 1; i <= *plays; i++ {
		e.progress.show("play %d of %d with the %s pickup…", i, *plays, pickup.Name)
		opt := engine.PlayOptions{Pickup: pickup, RPM: speed, Noise: true, Seed: d.Params.Seed + uint64(d.Plays())}
		var rec engine.PlayRecord
		sound, rec, err = engine.PlayAll(d, opt, 0)
		if err != nil {
			return fmt.Errorf("play %d: %w; no play was saved", i, err)
		}
		fmt.Fprintf(&report, "play %d (%s): %s, %s, %d skips\n", d.Plays(), rec.Pickup, clock(rec.Seconds), fidelityText(rec), rec.Skips)
	}
	e.progress.done()
	// The sound first: if it cannot be written, the disc on disk stays as it
	// was, as if the plays never happened.
	if err := writeWAV(*out, sound, engine.EngineRate); err != nil {
		return fmt.Errorf("%w; the plays were not saved on %s", err, args[0])
	}
	if err := saveDisc(ed, args[0], d); err != nil {
		if isChanged(err) {
			return fmt.Errorf("%s was changed by another program while these plays ran; they were not saved on it (the sound of the last is in %s): play it again", args[0], *out)
		}
		return fmt.Errorf("%w; the plays were not saved on %s (the sound of the last is in %s)", err, args[0], *out)
	}
	fmt.Fprint(e.stdout, report.String())
	return nil
}

func fidelityText(rec engine.PlayRecord) string {
	if rec.Frames == 0 {
		return "fidelity not measured (silence)"
	}
	return fmt.Sprintf("fidelity %.1f dB", rec.FidelityDB)
}
