//go:build !js

package bonefile

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"syscall"

	"bonemusic/engine"
)

// ReadFile opens and decodes the disc file at path.
func ReadFile(path string) (*engine.Disc, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	d, err := Decode(f)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", filepath.Base(path), err)
	}
	return d, nil
}

// WriteFile saves d to path atomically: it writes a temporary file in the
// same directory, flushes it to disk, renames it over path and flushes the
// directory, so a crash or power cut leaves either the old disc or the new
// one, never half of each. A kiosk runs for days; this is what keeps its
// collection.
func WriteFile(path string, d *engine.Disc) (err error) {
	var buf bytes.Buffer
	if err := Encode(&buf, d); err != nil {
		return err
	}
	dir := filepath.Dir(path)
	mode := fs.FileMode(0o644)
	if info, err := os.Stat(path); err == nil {
		mode = info.Mode().Perm()
	}
	tmp, err := os.CreateTemp(dir, "."+filepath.Base(path)+".tmp-*")
	if err != nil {
		return fmt.Errorf("bonefile: save: %w", err)
	}
	defer func() {
		if err != nil {
			tmp.Close()
			os.Remove(tmp.Name())
		}
	}()
	if _, err := tmp.Write(buf.Bytes()); err != nil {
		return fmt.Errorf("bonefile: save: %w", err)
	}
	if err := tmp.Chmod(mode); err != nil {
		return fmt.Errorf("bonefile: save: %w", err)
	}
	if err := tmp.Sync(); err != nil {
		return fmt.Errorf("bonefile: save: %w", err)
	}
	if err := tmp.Close(); err != nil {
		return fmt.Errorf("bonefile: save: %w", err)
	}
	if err := os.Rename(tmp.Name(), path); err != nil {
		return fmt.Errorf("bonefile: save: %w", err)
	}
	return syncDir(dir)
}

// syncDir makes the rename itself durable. Some systems (Windows, a few
// network file systems) cannot sync a directory; the rename has happened
// there all the same, so those refusals are not errors.
func syncDir(dir string) error {
	f, err := os.Open(dir)
	if err != nil {
		return nil
	}
	defer f.Close()
	if err := f.Sync(); err != nil && !errors.Is(err, syscall.EINVAL) && !errors.Is(err, errors.ErrUnsupported) {
		return fmt.Errorf("bonefile: save: sync directory: %w", err)
	}
	return nil
}
