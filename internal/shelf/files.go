//go:build !js

package shelf

import (
	"errors"
	"fmt"
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

func (s *dirStore) Get(id string) ([]byte, error) {
	if err := checkID(id); err != nil {
		return nil, err
	}
	b, err := os.ReadFile(s.path(id))
	if errors.Is(err, fs.ErrNotExist) {
		return nil, ErrNotFound
	}
	return b, err
}

func (s *dirStore) Put(id string, data []byte) error {
	if err := checkID(id); err != nil {
		return err
	}
	err := atomicfile.WriteFile(s.path(id), data, 0o644)
	if isNoSpace(err) {
		return ErrFull
	}
	return err
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
