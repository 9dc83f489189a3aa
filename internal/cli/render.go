//go:build !js

package cli

import (
	"bufio"
	"flag"
	"fmt"
	"os"

	"bonemusic/engine/bonefile"
	"bonemusic/internal/atomicfile"
	"bonemusic/render"
)

func runRender(e *env) error {
	fs := flag.NewFlagSet("render", flag.ContinueOnError)
	out := fs.String("o", "", "PNG file to write")
	size := fs.Int("size", 2400, "image width and height in pixels")
	args, err := parse(fs, e.args, 1, "the disc file to draw")
	if err != nil {
		return err
	}
	if *out == "" {
		return usagef("say where to write the picture: -o DISC.png")
	}
	if *size < 64 || *size > 8192 {
		return usagef("--size %d is outside 64–8192 pixels", *size)
	}
	if err := checkOutput(*out, writesPicture, args[0]); err != nil {
		return err
	}
	d, err := bonefile.ReadFile(args[0])
	if err != nil {
		return err
	}
	e.progress.show("drawing %d×%d…", *size, *size)
	err = atomicfile.Write(*out, atomicfile.KeepMode(*out, 0o644), func(f *os.File) error {
		w := bufio.NewWriter(f)
		if err := render.DiscPNG(w, d, *size); err != nil {
			return fmt.Errorf("draw: %w", err)
		}
		return w.Flush()
	})
	if err != nil {
		return err
	}
	e.progress.done()
	fmt.Fprintf(e.stdout, "drew %s: %s\n", args[0], *out)
	return nil
}
