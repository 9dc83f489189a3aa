//go:build !js

package cli

import (
	"bufio"
	"errors"
	"fmt"
	"os"
	"path/filepath"

	"bonemusic/engine"
	"bonemusic/engine/bonefile"
	"bonemusic/internal/atomicfile"
	"bonemusic/internal/audioio"
)

// What a command writes, for checkOutput.
type outputKind int

const (
	writesDisc outputKind = iota
	writesSound
	writesPicture
)

func (k outputKind) String() string {
	return [...]string{"a disc", "a sound", "a picture"}[k]
}

// checkOutput fails early, before any long work, when out cannot or must
// not be written: its folder is missing; it is one of the inputs (by any
// name: a symlink or a hard link counts), which the output would destroy;
// or it is a disc and the command writes something else, which would lose
// the disc and its history.
func checkOutput(out string, kind outputKind, inputs ...string) error {
	dir := filepath.Dir(out)
	info, err := os.Stat(dir)
	switch {
	case err != nil:
		return fmt.Errorf("cannot write %s: the folder %s does not exist", out, dir)
	case !info.IsDir():
		return fmt.Errorf("cannot write %s: %s is not a folder", out, dir)
	}
	outInfo, err := os.Stat(out)
	if err != nil {
		return nil // a new file
	}
	for _, in := range inputs {
		if inInfo, err := os.Stat(in); err == nil && os.SameFile(inInfo, outInfo) {
			return fmt.Errorf("%s is also the file being read (%s): writing it would destroy it; choose another name after -o", out, in)
		}
	}
	if kind != writesDisc && bonefile.IsDiscFile(out) {
		return fmt.Errorf("%s is a disc: writing %s there would lose the disc and its history; choose another name after -o", out, kind)
	}
	return nil
}

// beginEdit takes path's save lock, telling the person when another
// bonemusic holds it (a play of the same disc) and this one waits.
func (e *env) beginEdit(path string) (*atomicfile.Edit, error) {
	return atomicfile.BeginEdit(path, func() {
		fmt.Fprintf(e.stderr, "waiting: another bonemusic is using %s…\n", path)
	})
}

// readDiscForEdit locks path and reads its disc; the caller saves through
// the edit and closes it.
func (e *env) readDiscForEdit(path string) (*engine.Disc, *atomicfile.Edit, error) {
	ed, err := e.beginEdit(path)
	if err != nil {
		return nil, nil, err
	}
	f, err := ed.Open()
	if err != nil {
		ed.Close()
		return nil, nil, err
	}
	defer f.Close()
	d, err := bonefile.Decode(bufio.NewReader(f))
	if err != nil {
		ed.Close()
		return nil, nil, fmt.Errorf("%s: %w", filepath.Base(path), err)
	}
	return d, ed, nil
}

// saveDisc writes d through the edit of path.
func saveDisc(ed *atomicfile.Edit, path string, d *engine.Disc) error {
	return ed.Replace(atomicfile.KeepMode(path, 0o644), func(f *os.File) error {
		w := bufio.NewWriter(f)
		if err := bonefile.Encode(w, d); err != nil {
			return err
		}
		return w.Flush()
	})
}

// writeWAV saves mono as a WAV file through the project's one save helper.
func writeWAV(path string, mono []float32, rateHz int) error {
	return atomicfile.Write(path, atomicfile.KeepMode(path, 0o644), func(f *os.File) error {
		return audioio.WriteWAV(f, mono, rateHz)
	})
}

// isChanged reports a save refused because another program changed the
// file in the meantime.
func isChanged(err error) bool { return errors.Is(err, atomicfile.ErrChanged) }
