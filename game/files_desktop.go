//go:build !js

package game

import (
	"context"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"bonemusic/internal/atomicfile"
)

// files on the desktop: a file dialog through zenity or kdialog when one is
// installed (Ebiten has none, and a cgo toolkit is not worth it for one
// dialog), files dropped on the window otherwise, and saves into the
// visitor's music folder.
type files struct {
	inbox
}

func newFiles() *files { return &files{inbox: newInbox()} }

// pick opens a file dialog beside the game; the choice arrives through poll.
func (f *files) pick(k fileKind) error {
	var cmd []string
	filter := "*.wav *.mp3 *.ogg *.WAV *.MP3 *.OGG"
	if k == discFile {
		filter = "*.bone"
	}
	switch {
	case lookPath("zenity"):
		cmd = []string{"zenity", "--file-selection", "--file-filter=" + filter}
	case lookPath("kdialog"):
		cmd = []string{"kdialog", "--getopenfilename", ".", filter}
	default:
		return errNoPicker
	}
	go func() {
		ctx, cancel := context.WithTimeout(context.Background(), 10*time.Minute)
		defer cancel()
		out, err := exec.CommandContext(ctx, cmd[0], cmd[1:]...).Output()
		path := strings.TrimSpace(string(out))
		if err != nil || path == "" {
			return // cancelled: nothing changes
		}
		f.deliver(readFile(path))
	}()
	return nil
}

func lookPath(name string) bool {
	_, err := exec.LookPath(name)
	return err == nil
}

// save writes data into the visitor's music folder (Music/Bone Music in the
// home folder; XDG_MUSIC_DIR when set), never over an existing file, and
// returns the path.
func (f *files) save(name, mime string, data []byte) (string, error) {
	dir := os.Getenv("XDG_MUSIC_DIR")
	if dir == "" {
		home, err := os.UserHomeDir()
		if err != nil {
			return "", err
		}
		dir = filepath.Join(home, "Music")
	}
	dir = filepath.Join(dir, "Bone Music")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return "", err
	}
	ext := filepath.Ext(name)
	base := strings.TrimSuffix(name, ext)
	for i := 1; i < 1000; i++ {
		path := filepath.Join(dir, name)
		if _, err := os.Lstat(path); errors.Is(err, os.ErrNotExist) {
			return path, atomicfile.WriteFile(path, data, 0o644)
		}
		name = base + "-" + strconv.Itoa(i+1) + ext
	}
	return "", errors.New("too many files of that name in " + dir)
}
