//go:build !(linux || darwin || freebsd || netbsd || openbsd || dragonfly || android || ios || windows)

package atomicfile

import "os"

// Systems without a file lock here (the browser has no files at all; a
// few Unixes lack flock) still get the compare-before-replace check.

func tryLock(*os.File) (bool, error) { return true, nil }

func lockWait(*os.File) error { return nil }

func unlock(*os.File) {}

func release(f *os.File, name string) error {
	os.Remove(name)
	return f.Close()
}
