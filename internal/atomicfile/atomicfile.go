// Package atomicfile writes a file so that a crash, a full disk or a kill
// at any moment leaves either the old file or the new one, never half of
// either: the bytes go to a temporary file in the same folder, are flushed
// to the disk, and the temporary file is renamed over the target; then the
// folder itself is flushed, so the rename survives a power cut.
package atomicfile

import (
	"fmt"
	"os"
	"path/filepath"
)

// WriteFile writes data to path atomically with permission perm.
func WriteFile(path string, data []byte, perm os.FileMode) error {
	return Write(path, perm, func(f *os.File) error {
		_, err := f.Write(data)
		return err
	})
}

// Write creates path atomically from what write puts in the file it is given.
func Write(path string, perm os.FileMode, write func(*os.File) error) (err error) {
	dir := filepath.Dir(path)
	tmp, err := os.CreateTemp(dir, "."+filepath.Base(path)+".tmp-*")
	if err != nil {
		return fmt.Errorf("saving %s: %w", filepath.Base(path), err)
	}
	defer func() {
		if err != nil {
			tmp.Close()
			os.Remove(tmp.Name())
			err = fmt.Errorf("saving %s: %w", filepath.Base(path), err)
		}
	}()
	if err := write(tmp); err != nil {
		return err
	}
	if err := tmp.Chmod(perm); err != nil {
		return err
	}
	if err := tmp.Sync(); err != nil {
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	if err := os.Rename(tmp.Name(), path); err != nil {
		return err
	}
	// Flush the folder so the rename itself is on the disk; some file
	// systems refuse to sync a directory, which is no reason to fail.
	if d, err := os.Open(dir); err == nil {
		d.Sync()
		d.Close()
	}
	return nil
}
