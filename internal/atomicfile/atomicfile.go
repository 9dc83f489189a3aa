// Package atomicfile writes a file so that a crash, a full disk or a kill
// at any moment leaves either the old file or the new one, never half of
// either: the bytes go to a temporary file in the same folder, are flushed
// to the disk, and the temporary file is renamed over the target; then the
// folder itself is flushed, so the rename survives a power cut. It is the
// one way Bone Music saves a file: discs, exports, pictures, the
// collection.
package atomicfile

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"time"
)

// tempMark is in every temporary file's name: "." + target + tempMark + random.
const tempMark = ".tmp-"

// WriteFile writes data to path atomically with permission perm.
func WriteFile(path string, data []byte, perm os.FileMode) error {
	return Write(path, perm, func(f *os.File) error {
		_, err := f.Write(data)
		return err
	})
}

// KeepMode is the permission of the file at path, or perm when there is
// none: a save keeps what the owner chose.
func KeepMode(path string, perm os.FileMode) os.FileMode {
	if info, err := os.Stat(path); err == nil {
		return info.Mode().Perm()
	}
	return perm
}

// Write creates path atomically from what write puts in the file it is
// given. It takes path's lock (see [Edit]), so a save waits for an edit of
// the same file in another process instead of being undone by it.
func Write(path string, perm os.FileMode, write func(*os.File) error) error {
	e, err := BeginEdit(path, nil)
	if err != nil {
		return err
	}
	defer e.Close()
	return e.Replace(perm, write)
}

// replace is Write without the lock.
func replace(path string, perm os.FileMode, write func(*os.File) error) (err error) {
	dir := filepath.Dir(path)
	tmp, err := os.CreateTemp(dir, "."+filepath.Base(path)+tempMark+"*")
	if err != nil {
		return fmt.Errorf("saving %s: %w", filepath.Base(path), plainError(err))
	}
	defer func() {
		if err != nil {
			tmp.Close()
			os.Remove(tmp.Name())
			err = fmt.Errorf("saving %s: %w", filepath.Base(path), plainError(err))
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
	return syncDir(dir)
}

// plainError drops the file names the system puts in its errors: they name
// our temporary files, which mean nothing to the person reading, and the
// caller says which file was being saved. The cause (a full disk, no
// permission) stays, and errors.Is still finds it.
func plainError(err error) error {
	switch e := err.(type) {
	case *fs.PathError:
		return e.Err
	case *os.LinkError:
		return e.Err
	}
	return err
}

// syncDir flushes the folder so the rename itself is on the disk. Some
// systems (Windows, a few network file systems) cannot sync a directory;
// the rename has happened there all the same, so that is no failure.
func syncDir(dir string) error {
	d, err := os.Open(dir)
	if err != nil {
		return nil
	}
	defer d.Close()
	if err := d.Sync(); err != nil && !errors.Is(err, syscall.EINVAL) && !errors.Is(err, errors.ErrUnsupported) {
		return fmt.Errorf("flushing the folder: %w", err)
	}
	return nil
}

// CleanStale removes the temporary files a killed save left in dir, those
// older than age (a save under way in another process is younger), and the
// lock files killed edits left, those nobody holds; it reports how many
// files it removed.
func CleanStale(dir string, age time.Duration) int {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return 0
	}
	removed := 0
	for _, e := range entries {
		name := e.Name()
		if e.IsDir() || !strings.HasPrefix(name, ".") {
			continue
		}
		info, err := e.Info()
		if err != nil || time.Since(info.ModTime()) <= age {
			continue
		}
		path := filepath.Join(dir, name)
		switch {
		case strings.Contains(name, tempMark):
			if os.Remove(path) == nil {
				removed++
			}
		case strings.HasSuffix(name, lockSuffix) && removeUnheldLock(path):
			removed++
		}
	}
	return removed
}

// removeUnheldLock removes the lock file at path if nobody holds it, taking
// it first so that no edit can start on it in between.
func removeUnheldLock(path string) bool {
	f, err := os.OpenFile(path, os.O_RDWR, 0)
	if err != nil {
		return false
	}
	if got, err := tryLock(f); err != nil || !got {
		f.Close()
		return false
	}
	release(f, path)
	_, err = os.Stat(path)
	return errors.Is(err, fs.ErrNotExist)
}

// staleAge is how old a temporary file must be before it counts as left by
// a killed save: a save under way in another process is younger.
const staleAge = time.Minute

// CleanStaleOf removes what killed saves of path left beside it. Every
// edit and save runs it; readers of a file run it as they open it.
func CleanStaleOf(path string) {
	dir, prefix := filepath.Dir(path), "."+filepath.Base(path)+tempMark
	entries, err := os.ReadDir(dir)
	if err != nil {
		return
	}
	for _, e := range entries {
		if strings.HasPrefix(e.Name(), prefix) && !e.IsDir() {
			if info, err := e.Info(); err == nil && time.Since(info.ModTime()) > staleAge {
				os.Remove(filepath.Join(dir, e.Name()))
			}
		}
	}
}
