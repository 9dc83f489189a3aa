//go:build !js

package cli

import (
	"flag"
	"fmt"
	"hash/fnv"
	"math"
	"slices"
	"strconv"
	"strings"

	"bonemusic/engine"
	"bonemusic/engine/bonefile"
	"bonemusic/internal/audioio"
)

func runCut(e *env) error {
	fs := flag.NewFlagSet("cut", flag.ContinueOnError)
	out := fs.String("o", "", "disc file to write")
	film := fs.String("film", "chest", "X-ray film the disc is cut from")
	rpm := fs.String("rpm", "78", "cutting speed: 78, 45, 33 or any rpm")
	lpi := fs.Float64("lpi", 100, "groove pitch, lines per inch (80–300)")
	variable := fs.Bool("variable-pitch", false, "space the turns by the music (a mastering lathe's variable pitch); --lpi is then the widest")
	level := fs.Float64("level", 0, "cutting level, dB")
	hot := fs.Bool("hot", false, "cut too loud, without the lathe's limiter")
	seed := fs.Uint64("seed", 0, "seed for film, dust and scratches (default: from the sound)")
	title := fs.String("title", "", "title written on the film")
	args, err := parse(fs, e.args, 1, "the sound file to cut")
	if err != nil {
		return err
	}
	if *out == "" {
		return usagef("say where to write the disc: -o DISC.bone")
	}
	p := engine.DefaultParams()
	if !slices.Contains(engine.Films, *film) {
		return usagef("unknown film %q: choose %s", *film, strings.Join(engine.Films, ", "))
	}
	p.Film = *film
	if p.RPM, err = parseRPM(*rpm); err != nil {
		return err
	}
	p.LPI = *lpi
	p.VariablePitch = *variable
	if err := bonefile.CheckTitle(*title); err != nil {
		return usagef("--title: %v", err)
	}
	p.Title = *title
	if math.IsNaN(*level) || math.IsInf(*level, 0) || *level < -40 || *level > 40 {
		return usagef("--level %g dB is outside −40…40", *level)
	}
	if err := p.Validate(); err != nil {
		return usagef("%v", err)
	}

	if err := checkOutput(*out, writesDisc, args[0]); err != nil {
		return err
	}
	e.progress.show("reading %s…", args[0])
	channels, rateHz, err := audioio.ReadFile(args[0])
	if err != nil {
		return fmt.Errorf("%s: %w", args[0], err)
	}
	p.Seed = *seed
	if p.Seed == 0 {
		p.Seed = soundSeed(channels)
	}
	seconds := 0.0
	if len(channels) > 0 {
		seconds = float64(len(channels[0])) / float64(rateHz)
	}
	e.progress.show("cutting %s of sound…", clock(seconds))
	d, err := engine.Cut(channels, rateHz, p, engine.CutOptions{LevelDB: *level, Hot: *hot})
	if err != nil {
		return err
	}
	if err := e.saveNewDisc(*out, d); err != nil {
		return err
	}
	e.progress.done()
	fmt.Fprintf(e.stdout, "cut %s onto a %s film at %s rpm, %g lpi (holds %s): %s\n",
		clock(d.ProgrammeSeconds()), p.Film, strconv.FormatFloat(p.RPM, 'f', -1, 64), p.LPI, clock(p.Capacity()), *out)
	return nil
}

// parseRPM accepts the names of the standard speeds and any number.
func parseRPM(s string) (float64, error) {
	switch s {
	case "78":
		return engine.RPM78, nil
	case "45":
		return engine.RPM45, nil
	case "33", "33.3", "33.33", "33⅓":
		return engine.RPM33, nil
	}
	v, err := strconv.ParseFloat(s, 64)
	if err != nil || math.IsNaN(v) || math.IsInf(v, 0) {
		return 0, usagef("--rpm %q is not a speed: use 78, 45, 33 or a number", s)
	}
	return v, nil
}

// soundSeed derives a seed from the sound, so cutting the same file twice
// gives the same disc and different files get different film and dust.
func soundSeed(channels [][]float32) uint64 {
	h := fnv.New64a()
	var b [4]byte
	for _, ch := range channels {
		for i := 0; i < len(ch); i += 97 {
			bits := math.Float32bits(ch[i])
			b[0], b[1], b[2], b[3] = byte(bits), byte(bits>>8), byte(bits>>16), byte(bits>>24)
			h.Write(b[:])
		}
	}
	return h.Sum64()>>33 | 1 // 31 bits: short enough to read out and type back with --seed
}

// clock formats seconds as m:ss.
func clock(seconds float64) string {
	s := int(math.Round(seconds))
	return fmt.Sprintf("%d:%02d", s/60, s%60)
}

// saveNewDisc writes d to path under path's lock: a play of the disc that
// was there finishes (and saves) first, and is then replaced knowingly.
func (e *env) saveNewDisc(path string, d *engine.Disc) error {
	ed, err := e.beginEdit(path)
	if err != nil {
		return err
	}
	defer ed.Close()
	return saveDisc(ed, path, d)
}
