//go:build !js

package shelf

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"time"

	"bonemusic/internal/atomicfile"
)

// dirStore keeps each disc as <id>.bone in one folder.
type dirStore struct{ dir string }

// Dir opens (creating) the collection in dir, and removes what killed saves
// left there.
func Dir(dir string) (Store, error) {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, fmt.Errorf("the collection's folder %s: %w", dir, err)
	}
	atomicfile.CleanStale(dir, time.Minute)
	return &dirStore{dir}, nil
}

// Open opens the collection in the user's data folder: $BONEMUSIC_DATA when
// set (a kiosk's chosen disk, tests), else $XDG_DATA_HOME/bonemusic or
// ~/.local/share/bonemusic on Linux and the BSDs, and the user's
// application-data folder (os.UserConfigDir) on macOS and Windows.
func Open() (Store, error) {
	dir, err := DataDir()
	if err != nil {
		return nil, err
	}
	return Dir(filepath.Join(dir, "collection"))
}

// DataDir is where Bone Music keeps the user's data (see Open).
func DataDir() (string, error) {
	if d := os.Getenv("BONEMUSIC_DATA"); d != "" {
		return d, nil
	}
	switch runtime.GOOS {
	case "darwin", "windows", "ios", "android":
		base, err := os.UserConfigDir()
		if err != nil {
			return "", err
		}
		return filepath.Join(base, "Bone Music"), nil
	}
	if d := os.Getenv("XDG_DATA_HOME"); filepath.IsAbs(d) {
		return filepath.Join(d, "bonemusic"), nil
	}
	home, err := os.UserHomeDir()
	if err != nil {
		return "", err
	}
	return filepath.Join(home, ".local", "share", "bonemusic"), nil
}

func (s *dirStore) path(id string) string { return filepath.Join(s.dir, id+".bone") }

func (s *dirStore) List() ([]string, error) {
	entries, err := os.ReadDir(s.dir)
	if err != nil {
		return nil, err
	}
	var ids []string
	for _, e := range entries {
		if id, ok := strings.CutSuffix(e.Name(), ".bone"); ok && validID(id) && e.Type().IsRegular() {
			ids = append(ids, id)
		}
	}
	slices.Sort(ids)
	return ids, nil
}

func (s *dirStore) Get(id string) ([]byte, Revision, error) {
	if err := checkID(id); err != nil {
		return nil, NoRevision, err
	}
	b, err := os.ReadFile(s.path(id))
	if errors.Is(err, fs.ErrNotExist) {
		return nil, NoRevision, ErrNotFound
	}
	if err != nil {
		return nil, NoRevision, err
	}
	return b, contentRevision(b), nil
}

// Put checks base and writes under the disc file's lock, which every
// window's store takes for it (internal/atomicfile).
func (s *dirStore) Put(id string, data []byte, base Revision) (Revision, error) {
	if err := checkID(id); err != nil {
		return NoRevision, err
	}
	ed, err := atomicfile.BeginEdit(s.path(id), nil)
	if err != nil {
		return NoRevision, err
	}
	defer ed.Close()
	current, err := readRevision(ed)
	if err != nil {
		return NoRevision, err
	}
	if current != base {
		return NoRevision, ErrChanged
	}
	err = ed.Replace(0o644, func(f *os.File) error {
		_, err := f.Write(data)
		return err
	})
	switch {
	case isNoSpace(err):
		return NoRevision, ErrFull
	case errors.Is(err, atomicfile.ErrChanged): // a writer that did not lock
		return NoRevision, ErrChanged
	case err != nil:
		return NoRevision, err
	}
	return contentRevision(data), nil
}

// readRevision is the revision of the file the edit opens, NoRevision when
// there is none.
func readRevision(ed *atomicfile.Edit) (Revision, error) {
	f, err := ed.Open()
	if errors.Is(err, fs.ErrNotExist) {
		return NoRevision, nil
	}
	if err != nil {
		return NoRevision, err
	}
	defer f.Close()
	b, err := io.ReadAll(f)
	if err != nil {
		return NoRevision, err
	}
	return contentRevision(b), nil
}

// contentRevision names a file's content: files have no room for a
// counter, and equal bytes are the same disc whoever saved them.
func contentRevision(data []byte) Revision {
	sum := sha256.Sum256(data)
	return Revision(hex.EncodeToString(sum[:16]))
}

func (s *dirStore) Remove(id string) error {
	if err := checkID(id); err != nil {
		return err
	}
	if err := os.Remove(s.path(id)); err != nil && !errors.Is(err, fs.ErrNotExist) {
		return err
	}
	return nil
}
