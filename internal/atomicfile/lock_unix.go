//go:build linux || darwin || freebsd || netbsd || openbsd || dragonfly || android || ios

package atomicfile

import (
	"errors"
	"os"
	"syscall"
)

// flock locks are per open file and vanish with the process: a killed
// save never leaves a folder locked.

func tryLock(f *os.File) (bool, error) {
	err := flock(f, syscall.LOCK_EX|syscall.LOCK_NB)
	if errors.Is(err, syscall.EWOULDBLOCK) {
		return false, nil
	}
	return err == nil, err
}

func lockWait(f *os.File) error { return flock(f, syscall.LOCK_EX) }

func unlock(f *os.File) { flock(f, syscall.LOCK_UN) }

func flock(f *os.File, how int) error {
	for {
		err := syscall.Flock(int(f.Fd()), how)
		if !errors.Is(err, syscall.EINTR) {
			return err
		}
	}
}

// release removes the lock file while still holding it, so the next
// process to open the name makes a fresh one (and a waiter on this one
// notices and retries): no lock files pile up beside the discs.
func release(f *os.File, name string) error {
	os.Remove(name)
	unlock(f)
	return f.Close()
}
