package atomicfile

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
)

// ErrChanged means the file was replaced or rewritten by a program that did
// not take the lock (an older Bone Music, another tool) between the read
// and the save: saving now would silently undo that program's work, so
// nothing is saved.
var ErrChanged = errors.New("it was changed by another program in the meantime")

// Edit is one read-modify-write of a file. Every Bone Music process takes
// the same advisory lock for the file (a hidden ".NAME.lock" beside it), so
// two edits, or an edit and a save, run one after the other and neither is
// lost; and Replace checks that the file is still the one Open read, which
// catches writers that do not lock.
type Edit struct {
	path string
	lock *os.File
	read bool        // Open was called: Replace compares against seen
	seen os.FileInfo // the file Open read; nil when there was none
}

// BeginEdit takes the lock for path, waiting while another process holds
// it; waiting, when not nil, is called once before the wait so the person
// can be told why nothing happens.
func BeginEdit(path string, waiting func()) (*Edit, error) {
	lock, err := acquire(lockPath(path), waiting)
	if err != nil {
		return nil, fmt.Errorf("cannot lock %s for saving: %w", filepath.Base(path), plainError(err))
	}
	CleanStaleOf(path)
	return &Edit{path: path, lock: lock}, nil
}

// Open opens the file for reading and remembers which file it is, so that
// Replace can tell whether someone else replaced or rewrote it since. When
// there is no file (an error for which errors.Is(err, fs.ErrNotExist)),
// Replace checks that there still is none.
func (e *Edit) Open() (*os.File, error) {
	f, err := os.Open(e.path)
	if errors.Is(err, fs.ErrNotExist) {
		e.read, e.seen = true, nil
	}
	if err != nil {
		return nil, err
	}
	info, err := f.Stat()
	if err != nil {
		f.Close()
		return nil, err
	}
	e.read, e.seen = true, info
	return f, nil
}

// Replace saves what write puts in the file atomically (see Write), unless
// the file is no longer the one Open read: then ErrChanged, and the file
// is left as the other program made it.
func (e *Edit) Replace(perm os.FileMode, write func(*os.File) error) error {
	if e.lock == nil {
		return fmt.Errorf("saving %s: the edit is already closed", filepath.Base(e.path))
	}
	if e.read && !unchanged(e.seen, e.path) {
		return fmt.Errorf("%s: %w", filepath.Base(e.path), ErrChanged)
	}
	return replace(e.path, perm, write)
}

// Close releases the lock; closing twice is harmless.
func (e *Edit) Close() error {
	if e.lock == nil {
		return nil
	}
	err := release(e.lock, lockPath(e.path))
	e.lock = nil
	return err
}

// unchanged reports whether path is still the file seen (same file, size
// and modification time), or still absent when seen is nil.
func unchanged(seen os.FileInfo, path string) bool {
	now, err := os.Stat(path)
	if seen == nil {
		return errors.Is(err, fs.ErrNotExist)
	}
	return err == nil && os.SameFile(seen, now) && seen.Size() == now.Size() && seen.ModTime().Equal(now.ModTime())
}

// lockPath is the lock file for path: hidden, beside it, so it lives on the
// same file system and in a folder the saver can already write.
func lockPath(path string) string {
	return filepath.Join(filepath.Dir(path), "."+filepath.Base(path)+lockSuffix)
}

const lockSuffix = ".lock"

// acquire opens and locks the lock file. The holder removes the file as it
// releases it (on Unix), so a waiter may end up holding a lock on a file
// that is no longer there: it then tries again with the new one.
func acquire(name string, waiting func()) (*os.File, error) {
	for {
		f, err := os.OpenFile(name, os.O_RDWR|os.O_CREATE, 0o644)
		if err != nil {
			return nil, err
		}
		got, err := tryLock(f)
		if err == nil && !got {
			if waiting != nil {
				waiting()
				waiting = nil
			}
			err = lockWait(f)
		}
		if err != nil {
			f.Close()
			return nil, err
		}
		held, err1 := f.Stat()
		there, err2 := os.Stat(name)
		if err1 == nil && err2 == nil && os.SameFile(held, there) {
			return f, nil
		}
		unlock(f)
		f.Close()
	}
}
